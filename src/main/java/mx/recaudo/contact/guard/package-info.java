/**
 * The contact guard: pure Java, no Spring, no database. Each rule of SPEC §13 is a named
 * {@link mx.recaudo.contact.guard.ContactPolicy}; {@link mx.recaudo.contact.guard.ContactGuard}
 * combines them and finds the next allowed moment.
 */
package mx.recaudo.contact.guard;
