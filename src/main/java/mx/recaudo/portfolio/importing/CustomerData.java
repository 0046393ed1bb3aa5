package mx.recaudo.portfolio.importing;

import java.time.LocalDate;
import java.util.List;

/** Validated customer fields of one row. Contact points that failed validation are simply absent. */
record CustomerData(String externalId, String name, String customerType, String taxId, LocalDate customerSince,
                    List<PhoneNumberData> phones, String email, String whatsapp, String address, String state,
                    String postalCode) {
}
