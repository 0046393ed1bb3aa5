/** Runtime plumbing: database (embedded or external), tenant-aware connections, command line. */
package mx.recaudo.platform;
