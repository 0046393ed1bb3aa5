/** Payments: posting, allocation, reversals, references and CLABE, bank files, payment links. */
package mx.recaudo.payment;
