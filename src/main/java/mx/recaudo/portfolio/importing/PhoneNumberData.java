package mx.recaudo.portfolio.importing;

/** A phone normalized to E.164 ({@code +5215512345678} style is NOT used: Mexico dropped the 1) with its libphonenumber type. */
record PhoneNumberData(String e164, String type) {
}
