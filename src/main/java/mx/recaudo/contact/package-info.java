/** Contact: the contact guard, templates, the outbox and its dispatch, channel adapters, inbound replies and the timeline. */
package mx.recaudo.contact;
