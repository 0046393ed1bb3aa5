/** Arrangements: promises to pay, payment plans, approvals, signatures and letters. */
package mx.recaudo.arrangement;
