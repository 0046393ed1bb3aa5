package mx.recaudo.identity;

import java.util.UUID;

/** A tenant: one company or agency collecting its own portfolio. */
public record Organization(UUID id, String slug, String name, String legalName, String taxId, String country,
                           String defaultCurrency, String timeZone, String locale) {
}
