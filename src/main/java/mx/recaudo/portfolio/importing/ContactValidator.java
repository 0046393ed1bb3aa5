package mx.recaudo.portfolio.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates a customer's contact points. A bad contact point never rejects a row: it is dropped (phones,
 * WhatsApp, e-mail) or kept as given (state) with a warning, because the rest of the debt is still worth
 * collecting.
 */
final class ContactValidator {

    /** More numbers than this in one cell is almost certainly not a phone list; the rest is ignored. */
    static final int MAX_PHONES = 10;

    private final PhoneNormalizer phoneNormalizer;

    ContactValidator(PhoneNormalizer phoneNormalizer) {
        this.phoneNormalizer = phoneNormalizer;
    }

    /** The valid, distinct numbers of a cell that may list several, separated by {@code ;}, {@code |} or {@code /}. */
    List<PhoneNumberData> phones(String cell, RowIssues issues) {
        if (cell == null) return List.of();
        List<PhoneNumberData> phones = new ArrayList<>(2);
        int candidates = 0;
        int partStart = 0;
        for (int i = 0; i <= cell.length(); i++) {
            if (i < cell.length() && !isPhoneSeparator(cell.charAt(i))) continue;
            String part = Text.strip(cell.substring(partStart, i));
            partStart = i + 1;
            if (part.isEmpty()) continue;
            if (++candidates > MAX_PHONES) {
                issues.warning(CanonicalColumn.PHONE, cell,
                        "Hay más de " + MAX_PHONES + " teléfonos; solo se conservaron los primeros " + MAX_PHONES,
                        "There are more than " + MAX_PHONES + " phone numbers; only the first " + MAX_PHONES
                                + " were kept");
                break;
            }
            PhoneNumberData phone = phoneNumber(CanonicalColumn.PHONE, part, issues);
            if (phone != null && phones.stream().noneMatch(p -> p.e164().equals(phone.e164()))) phones.add(phone);
        }
        return phones;
    }

    /** The WhatsApp number in E.164, or {@code null} when absent or invalid. */
    String whatsapp(String cell, RowIssues issues) {
        String text = Text.stripToNull(cell);
        if (text == null) return null;
        PhoneNumberData phone = phoneNumber(CanonicalColumn.WHATSAPP, text, issues);
        return phone == null ? null : phone.e164();
    }

    /** The e-mail with its domain in lower case, or {@code null} when absent or invalid. */
    String email(String cell, RowIssues issues) {
        String text = Text.stripToNull(cell);
        if (text == null) return null;
        return switch (EmailCheck.check(text)) {
            case ParseResult.Parsed<String>(String email) -> email;
            case ParseResult.Invalid<String>(String es, String en) -> {
                issues.warning(CanonicalColumn.EMAIL, cell, "El correo electrónico no es válido y se descartó: " + es,
                        "Email is not valid and was dropped: " + en);
                yield null;
            }
        };
    }

    /** The canonical state name, or the text as given (with a warning) when it names no Mexican state. */
    String state(String cell, RowIssues issues) {
        String text = Text.stripToNull(cell);
        if (text == null) return null;
        return MexicanStates.canonicalName(text).orElseGet(() -> {
            issues.warning(CanonicalColumn.STATE, cell,
                    "El estado no es una entidad federativa de México reconocida; se conserva tal como viene",
                    "State is not a recognized Mexican state; it was kept as given");
            return text;
        });
    }

    private PhoneNumberData phoneNumber(CanonicalColumn column, String text, RowIssues issues) {
        return switch (phoneNormalizer.normalize(text)) {
            case ParseResult.Parsed<PhoneNumberData>(PhoneNumberData phone) -> phone;
            case ParseResult.Invalid<PhoneNumberData>(String es, String en) -> {
                ColumnLabel label = ColumnLabel.of(column);
                issues.warning(column, text, label.esSubject() + " no es válido y se descartó: " + es,
                        label.enSubject() + " is not valid and was dropped: " + en);
                yield null;
            }
        };
    }

    private static boolean isPhoneSeparator(char c) {
        return c == ';' || c == '|' || c == '/';
    }
}
