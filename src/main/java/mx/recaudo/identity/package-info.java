/** Organizations (tenants), users and roles, API tokens, log-in and tenancy binding. */
package mx.recaudo.identity;
