/** WhatsApp Business Cloud API: template and session messages out, signed status and message webhooks in. */
package mx.recaudo.contact.whatsapp;
