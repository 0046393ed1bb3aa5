package mx.recaudo.identity;

/** What a user may do. API_CLIENT is for integration accounts that only use tokens. */
public enum Role { ADMIN, SUPERVISOR, AGENT, AUDITOR, API_CLIENT }
