package mx.recaudo.portfolio;

/**
 * UPSERT adds and updates what the file holds; SNAPSHOT also marks the organization's open
 * obligations that the file no longer holds as closed outside Recaudo (never deletes them).
 */
public enum ImportMode { UPSERT, SNAPSHOT }
