/** Outbox dispatch: claiming across nodes, rate limits, retries, idempotency, reconciliation, delivery reports. */
package mx.recaudo.contact.outbox;
