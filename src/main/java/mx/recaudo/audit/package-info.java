/** Append-only, hash-chained audit log of every change: who, when, what. */
package mx.recaudo.audit;
