/** What channel providers call back with: signature checks and status reports that arrive early. */
package mx.recaudo.contact.webhook;
