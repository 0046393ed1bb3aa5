/** The voice blaster through a Twilio-style voice API: personalized es-MX speech, keypad answers, signed callbacks. */
package mx.recaudo.contact.voice;
