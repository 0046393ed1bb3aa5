/** Strategies: DPD-keyed ladders of channel actions with champion/challenger variants, and the daily collection run that plans them. */
package mx.recaudo.strategy;
