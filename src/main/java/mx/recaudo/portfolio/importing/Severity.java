package mx.recaudo.portfolio.importing;

/** How bad a finding in an imported row is: ERROR rejects the whole row, WARNING keeps it. */
public enum Severity { ERROR, WARNING }
