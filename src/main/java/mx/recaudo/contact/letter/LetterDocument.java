package mx.recaudo.contact.letter;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A company letter as a PDF (US Letter, the "carta" size used in Mexico): letterhead with a drawn
 * logo mark, name, legal name and RFC, address and contact; place and date; the addressee block;
 * the subject line; the body from the letter template; the payment box (reference, CLABE, bank);
 * the signature block; and a footer on every page with the complaints unit and, under the
 * MX-CONDUSEF profile, the CONDUSEF and REDECO data. A batch is every letter one after the other,
 * each starting on a new page, in postal order.
 */
public final class LetterDocument {
    private static final Locale ES_MX = Locale.forLanguageTag("es-MX");
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy", ES_MX);

    private LetterDocument() {}

    public record Letterhead(String name, String legalName, String taxId, String address, String city, String phone,
                             String email, String website, String signatoryName, String signatoryTitle, String bankName,
                             String clabe, String complaintsUnit) {}

    public record Addressee(String name, String customerNumber, String address, String state, String postalCode) {}

    /** One letter; {@code condusef}: the organization works under MX-CONDUSEF (footer with CONDUSEF/REDECO data). */
    public record Letter(long messageId, Letterhead head, Addressee to, LocalDate date, String subject, String body,
                         String paymentReference, String clabe, boolean condusef) {}

    /** Postal order for the print run: postal code, then state, name and message. */
    public static final Comparator<Letter> POSTAL_ORDER = Comparator
            .comparing((Letter l) -> l.to().postalCode() == null || l.to().postalCode().isBlank() ? "99999" : l.to().postalCode())
            .thenComparing(l -> nz(l.to().state()))
            .thenComparing(l -> nz(l.to().name()))
            .thenComparingLong(Letter::messageId);

    public static byte[] pdf(List<Letter> letters) {
        if (letters.isEmpty()) throw new IllegalArgumentException("No letters");
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html(letters), null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Could not render the letters", e);
        }
    }

    static String html(List<Letter> letters) {
        Letter first = letters.getFirst();
        StringBuilder h = new StringBuilder("""
                <html><head><meta charset="UTF-8"/><style>
                @page { size: letter; margin: 1.6cm 2.2cm 3.2cm 2.2cm;
                        @bottom-center { content: element(footer); vertical-align: top; } }
                body { font-family: serif; font-size: 11pt; color: #1d2327; line-height: 1.38; }
                .footer { position: running(footer); font-family: sans-serif; font-size: 7.5pt; color: #555;
                          border-top: 0.6pt solid #9aa7a2; padding-top: 5pt; line-height: 1.3; }
                .letter { page-break-after: always; }
                .letter.last { page-break-after: auto; }
                table.head { width: 100%; border-collapse: collapse; }
                .logo { width: 46pt; height: 46pt; background: #1f5f4a; color: #fff; border-radius: 8pt;
                        font-family: sans-serif; font-weight: bold; font-size: 18pt; text-align: center; line-height: 46pt; }
                .org { padding-left: 10pt; font-family: sans-serif; }
                .org .name { font-size: 15pt; font-weight: bold; color: #1f5f4a; }
                .org .legal { font-size: 8.5pt; color: #444; }
                .contact { text-align: right; font-family: sans-serif; font-size: 8pt; color: #444; vertical-align: top; }
                .rule { border-bottom: 2pt solid #1f5f4a; margin: 8pt 0 18pt 0; }
                .place { text-align: right; margin-bottom: 18pt; }
                .to { margin-bottom: 16pt; }
                .to .who { font-weight: bold; text-transform: uppercase; }
                .subject { font-weight: bold; margin-bottom: 12pt; }
                p { margin: 0 0 9pt 0; text-align: justify; }
                table.pay { border-collapse: collapse; margin: 12pt 0 16pt 0; font-family: sans-serif; font-size: 9.5pt; }
                table.pay td { border: 0.6pt solid #9aa7a2; padding: 4pt 8pt; }
                table.pay td.k { background: #eef3f1; font-weight: bold; width: 120pt; }
                .sign { margin-top: 22pt; page-break-inside: avoid; }
                .sign .line { margin-top: 36pt; width: 270pt; border-top: 0.6pt solid #333; padding-top: 3pt; }
                </style></head><body>
                """);
        h.append("<div class=\"footer\">").append(footer(first)).append("</div>");
        for (int i = 0; i < letters.size(); i++) {
            h.append(letter(letters.get(i), i == letters.size() - 1));
        }
        return h.append("</body></html>").toString();
    }

    private static String letter(Letter l, boolean last) {
        Letterhead head = l.head();
        StringBuilder h = new StringBuilder("<div class=\"letter").append(last ? " last" : "").append("\">");
        h.append("<table class=\"head\"><tr><td style=\"width:50pt\"><div class=\"logo\">").append(esc(initials(head.name())))
                .append("</div></td><td class=\"org\"><div class=\"name\">").append(esc(head.name())).append("</div>")
                .append("<div class=\"legal\">").append(esc(head.legalName()))
                .append(head.taxId() == null ? "" : " · RFC " + esc(head.taxId())).append("</div></td>")
                .append("<td class=\"contact\">").append(esc(head.address()))
                .append(head.phone() == null ? "" : "<br/>Tel. " + esc(head.phone()))
                .append(head.email() == null ? "" : "<br/>" + esc(head.email()))
                .append(head.website() == null ? "" : "<br/>" + esc(head.website()))
                .append("</td></tr></table><div class=\"rule\"></div>");
        h.append("<div class=\"place\">").append(esc(head.city())).append(", a ").append(esc(l.date().format(LONG_DATE))).append("</div>");
        Addressee to = l.to();
        h.append("<div class=\"to\"><div class=\"who\">").append(esc(to.name())).append("</div>");
        if (to.address() != null && !to.address().isBlank()) h.append("<div>").append(esc(to.address())).append("</div>");
        String cityLine = ((to.postalCode() == null || to.postalCode().isBlank() ? "" : "C.P. " + to.postalCode())
                + (to.state() == null || to.state().isBlank() ? "" : ", " + to.state())).replaceFirst("^, ", "");
        if (!cityLine.isBlank()) h.append("<div>").append(esc(cityLine)).append("</div>");
        h.append("<div>P r e s e n t e</div></div>");
        h.append("<div class=\"subject\">Asunto: ").append(esc(l.subject() == null || l.subject().isBlank()
                ? "Información sobre su cuenta" : l.subject())).append(" · Cliente ").append(esc(to.customerNumber())).append("</div>");
        for (String paragraph : l.body().strip().split("\\n\\s*\\n")) {
            h.append("<p>").append(esc(paragraph.strip()).replace("\n", "<br/>")).append("</p>");
        }
        h.append("<table class=\"pay\"><tr><td class=\"k\">Referencia de pago</td><td>").append(esc(l.paymentReference()))
                .append("</td></tr>");
        String clabe = l.clabe() != null ? l.clabe() : head.clabe();
        if (clabe != null) h.append("<tr><td class=\"k\">CLABE</td><td>").append(esc(clabe)).append("</td></tr>");
        if (head.bankName() != null) h.append("<tr><td class=\"k\">Banco</td><td>").append(esc(head.bankName())).append("</td></tr>");
        h.append("<tr><td class=\"k\">Beneficiario</td><td>").append(esc(head.legalName())).append("</td></tr></table>");
        h.append("<div class=\"sign\">Atentamente,<div class=\"line\"><strong>").append(esc(head.signatoryName()))
                .append("</strong><br/>").append(esc(head.signatoryTitle())).append("<br/>").append(esc(head.legalName()))
                .append("</div></div></div>");
        return h.toString();
    }

    private static String footer(Letter l) {
        Letterhead head = l.head();
        StringBuilder f = new StringBuilder();
        f.append("Los pagos se hacen únicamente a las cuentas de ").append(esc(head.legalName()))
                .append("; nadie está autorizado a recibir pagos en efectivo ni en cuentas personales. ");
        if (head.complaintsUnit() != null) f.append("Aclaraciones y quejas: ").append(esc(head.complaintsUnit())).append(". ");
        if (l.condusef()) {
            f.append("Si no está conforme, puede acudir a la Comisión Nacional para la Protección y Defensa de los Usuarios de ")
                    .append("Servicios Financieros (CONDUSEF), 55 5340 0999, www.condusef.gob.mx, y consultar o presentar quejas ")
                    .append("sobre despachos de cobranza en el Registro de Despachos de Cobranza (REDECO) de la CONDUSEF.");
        }
        return f.toString();
    }

    static String initials(String name) {
        if (name == null || name.isBlank()) return "·";
        StringBuilder s = new StringBuilder();
        for (String w : name.strip().split("\\s+")) {
            if (!w.isEmpty() && Character.isUpperCase(w.charAt(0)) && s.length() < 2) s.append(w.charAt(0));
        }
        return s.isEmpty() ? name.substring(0, 1).toUpperCase(ES_MX) : s.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
