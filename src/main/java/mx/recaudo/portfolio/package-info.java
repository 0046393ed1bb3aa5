/** The portfolio (cartera): customers, contact points, obligations, DPD and aging, and its import. */
package mx.recaudo.portfolio;
