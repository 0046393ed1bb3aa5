package mx.recaudo.portfolio.importing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Proposes which file column feeds each canonical column, from common Spanish and English headers. */
public final class MappingGuess {
    private static final Map<CanonicalColumn, List<String>> SYNONYMS = Map.ofEntries(
            Map.entry(CanonicalColumn.CUSTOMER_ID, List.of("customer_id", "no cliente", "num cliente", "numero cliente",
                    "id cliente", "cliente id", "clave cliente", "cuenta", "customer", "client id")),
            Map.entry(CanonicalColumn.CUSTOMER_NAME, List.of("customer_name", "nombre", "nombre cliente", "razon social",
                    "cliente", "name", "deudor", "acreditado")),
            Map.entry(CanonicalColumn.CUSTOMER_TYPE, List.of("customer_type", "tipo persona", "tipo cliente", "persona")),
            Map.entry(CanonicalColumn.TAX_ID, List.of("tax_id", "rfc", "curp", "nit", "rut", "ruc")),
            Map.entry(CanonicalColumn.CUSTOMER_SINCE, List.of("customer_since", "cliente desde", "alta", "fecha alta",
                    "antiguedad")),
            Map.entry(CanonicalColumn.PHONE, List.of("phone", "telefono", "tel", "celular", "movil", "telefonos")),
            Map.entry(CanonicalColumn.EMAIL, List.of("email", "correo", "correo electronico", "e-mail", "mail")),
            Map.entry(CanonicalColumn.WHATSAPP, List.of("whatsapp", "wa", "whats")),
            Map.entry(CanonicalColumn.ADDRESS, List.of("address", "direccion", "domicilio", "calle")),
            Map.entry(CanonicalColumn.STATE, List.of("state", "estado", "entidad", "entidad federativa")),
            Map.entry(CanonicalColumn.POSTAL_CODE, List.of("postal_code", "cp", "c.p.", "codigo postal", "zip")),
            Map.entry(CanonicalColumn.OBLIGATION_ID, List.of("obligation_id", "folio", "factura", "documento",
                    "no documento", "credito", "numero credito", "contrato", "referencia", "uuid")),
            Map.entry(CanonicalColumn.OBLIGATION_KIND, List.of("obligation_kind", "tipo documento", "tipo", "kind")),
            Map.entry(CanonicalColumn.PRODUCT, List.of("product", "producto", "servicio", "linea")),
            Map.entry(CanonicalColumn.CURRENCY, List.of("currency", "moneda", "divisa")),
            Map.entry(CanonicalColumn.ORIGINAL_AMOUNT, List.of("original_amount", "monto original", "importe original",
                    "monto", "importe", "total", "monto credito")),
            Map.entry(CanonicalColumn.BALANCE, List.of("balance", "saldo", "saldo vencido", "saldo insoluto",
                    "adeudo", "saldo actual")),
            Map.entry(CanonicalColumn.ISSUE_DATE, List.of("issue_date", "fecha emision", "emision", "fecha factura",
                    "fecha")),
            Map.entry(CanonicalColumn.DUE_DATE, List.of("due_date", "fecha vencimiento", "vencimiento", "vence",
                    "fecha limite", "fecha limite de pago")));

    private MappingGuess() {}

    /** canonical header → the file header it most likely is ("" when nothing fits). */
    public static Map<String, String> guess(List<String> header) {
        Map<String, String> result = new LinkedHashMap<>();
        for (CanonicalColumn column : CanonicalColumn.values()) {
            String found = "";
            outer:
            for (String synonym : SYNONYMS.getOrDefault(column, List.of(column.header()))) {
                for (String h : header) {
                    if (looseKey(h).equals(looseKey(synonym))) {
                        found = h;
                        break outer;
                    }
                }
            }
            result.put(column.header(), found);
        }
        return result;
    }

    /** Like the resolver's key, and also ignores "de"/"del" ("Fecha de vencimiento" = "fecha vencimiento"). */
    private static String looseKey(String header) {
        return ColumnResolver.key(header.replaceAll("(?iu)(^|\\s)(de|del)(?=\\s|$)", " "));
    }

    public static List<String> canonicalHeaders() {
        return java.util.Arrays.stream(CanonicalColumn.values()).map(CanonicalColumn::header).toList();
    }

    public static boolean required(String canonicalHeader) {
        return CanonicalColumn.fromHeader(canonicalHeader).map(CanonicalColumn::required).orElse(false);
    }
}
