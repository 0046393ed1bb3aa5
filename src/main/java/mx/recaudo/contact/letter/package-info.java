/** Printed letters: one PDF per customer and print batches in postal order, on the organization's letterhead. */
package mx.recaudo.contact.letter;
