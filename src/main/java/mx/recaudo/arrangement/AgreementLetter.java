package mx.recaudo.arrangement;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The agreement letter (carta convenio) as a PDF, with the MX-04 breakdown: principal, ordinary
 * interest, default interest, other costs, the discount, what is to be paid (settlement or in
 * installments), and the creditor's account and reference. Also the settlement letter (carta
 * finiquito) when the balance reached zero.
 */
public final class AgreementLetter {
    private AgreementLetter() {}

    public record Breakdown(BigDecimal principal, BigDecimal ordinaryInterest, BigDecimal defaultInterest,
                            BigDecimal otherCosts, BigDecimal discount) {
        public BigDecimal owed() { return principal.add(ordinaryInterest).add(defaultInterest).add(otherCosts); }

        public BigDecimal toPay() { return owed().subtract(discount); }
    }

    public record Installment(int number, LocalDate dueDate, BigDecimal amount) {}

    public record Letter(String creditor, String creditorTaxId, String customerName, String customerId, String currency,
                         Breakdown breakdown, boolean settlement, BigDecimal downPayment, List<Installment> installments,
                         String clabe, String reference, LocalDate date) {}

    public static byte[] agreement(Letter l) {
        StringBuilder rows = new StringBuilder();
        for (Installment i : l.installments()) {
            rows.append("<tr><td>").append(i.number()).append("</td><td>").append(i.dueDate()).append("</td><td class='n'>")
                    .append(money(i.amount(), l.currency())).append("</td></tr>");
        }
        Breakdown b = l.breakdown();
        String html = """
                <html><head><style>
                body { font-family: sans-serif; font-size: 11pt; } h1 { font-size: 16pt; } td, th { padding: 3px 8px; }
                table { border-collapse: collapse; } .n { text-align: right; } .t { font-weight: bold; border-top: 1px solid #000; }
                </style></head><body>
                <h1>Carta convenio</h1>
                <p>%s (RFC %s) y %s (cliente %s) convienen, el %s, en liquidar el adeudo %s conforme a lo siguiente.</p>
                <table>
                <tr><td>Capital</td><td class='n'>%s</td></tr>
                <tr><td>Intereses ordinarios</td><td class='n'>%s</td></tr>
                <tr><td>Intereses moratorios</td><td class='n'>%s</td></tr>
                <tr><td>Otros cargos</td><td class='n'>%s</td></tr>
                <tr><td class='t'>Adeudo total</td><td class='n t'>%s</td></tr>
                <tr><td>Descuento (quita)</td><td class='n'>-%s</td></tr>
                <tr><td class='t'>Importe a pagar</td><td class='n t'>%s</td></tr>
                <tr><td>Pago inicial</td><td class='n'>%s</td></tr>
                </table>
                <p>Tipo de convenio: %s.</p>
                <table><tr><th>Parcialidad</th><th>Fecha</th><th>Importe</th></tr>%s</table>
                <p>Cuenta del acreedor (CLABE): %s · Referencia de pago: %s</p>
                <p>La falta de pago de una parcialidad en su fecha deja sin efecto el convenio y el descuento.</p>
                </body></html>""".formatted(esc(l.creditor()), esc(l.creditorTaxId()), esc(l.customerName()),
                esc(l.customerId()), l.date(), l.settlement() ? "en una sola exhibición (liquidación)" : "en parcialidades",
                money(b.principal(), l.currency()), money(b.ordinaryInterest(), l.currency()),
                money(b.defaultInterest(), l.currency()), money(b.otherCosts(), l.currency()), money(b.owed(), l.currency()),
                money(b.discount(), l.currency()), money(b.toPay(), l.currency()), money(l.downPayment(), l.currency()),
                l.settlement() ? "liquidación total" : "pago parcial en parcialidades", rows,
                esc(l.clabe() == null ? "—" : l.clabe()), esc(l.reference()));
        return render(html);
    }

    public static byte[] settlement(String creditor, String customerName, String customerId, String currency, LocalDate date) {
        String html = """
                <html><body style="font-family: sans-serif; font-size: 11pt">
                <h1 style="font-size: 16pt">Carta finiquito</h1>
                <p>%s hace constar que, al %s, %s (cliente %s) no tiene adeudo pendiente en %s con esta institución.</p>
                </body></html>""".formatted(esc(creditor), date, esc(customerName), esc(customerId), currency);
        return render(html);
    }

    /** One obligation a settlement letter declares settled. */
    public record Settled(String externalId, String product, BigDecimal originalAmount) {}

    /** What a settlement letter (carta finiquito) states. */
    public record SettlementLetter(String creditor, String creditorTaxId, String customerName, String customerId,
                                   String customerTaxId, String currency, List<Settled> obligations, BigDecimal owed,
                                   BigDecimal paid, BigDecimal discount, String planReference, LocalDate signedOn,
                                   LocalDate date, String folio) {}

    /**
     * The settlement letter: who declares what, the obligations it covers, what was owed, paid and
     * forgiven under the agreement, and the statement that nothing more is owed on them.
     */
    public static byte[] settlement(SettlementLetter l) {
        StringBuilder rows = new StringBuilder();
        for (Settled o : l.obligations()) {
            rows.append("<tr><td>").append(esc(o.externalId())).append("</td><td>").append(esc(o.product()))
                    .append("</td><td class='n'>").append(money(o.originalAmount(), l.currency())).append("</td></tr>");
        }
        String html = """
                <html><head><style>
                @page { size: letter; margin: 2.2cm 2cm; }
                body { font-family: serif; font-size: 11pt; line-height: 1.45; color: #111; }
                .head { border-bottom: 2px solid #1f3a5f; padding-bottom: 6px; margin-bottom: 18px; }
                .org { font-size: 15pt; font-weight: bold; color: #1f3a5f; } .small { font-size: 9pt; color: #444; }
                h1 { font-size: 14pt; text-align: center; letter-spacing: 1px; margin: 18px 0; }
                table { border-collapse: collapse; width: 100%%; margin: 8px 0 14px 0; }
                th { text-align: left; border-bottom: 1px solid #888; font-size: 10pt; padding: 3px 6px; }
                td { padding: 3px 6px; font-size: 10pt; } .n { text-align: right; }
                .sum td { border-top: 1px solid #888; font-weight: bold; }
                .sign { margin-top: 48px; text-align: center; } .line { border-top: 1px solid #111; width: 60%%; margin: 0 auto; padding-top: 4px; }
                .foot { margin-top: 30px; font-size: 8.5pt; color: #555; border-top: 1px solid #ccc; padding-top: 6px; }
                </style></head><body>
                <div class='head'><div class='org'>%s</div><div class='small'>RFC %s</div></div>
                <p style='text-align:right'>Folio %s<br/>%s</p>
                <h1>CARTA FINIQUITO</h1>
                <p>A quien corresponda:</p>
                <p>%s (RFC %s) hace constar que <b>%s</b>%s, cliente número %s, ha liquidado en su totalidad
                los adeudos que se enlistan a continuación, conforme al convenio de pago %s firmado el %s, por lo que
                <b>no tiene adeudo pendiente</b> con esta institución por dichos conceptos.</p>
                <table><tr><th>Documento</th><th>Producto</th><th class='n'>Importe original</th></tr>%s</table>
                <table>
                <tr><td>Adeudo al convenir</td><td class='n'>%s</td></tr>
                <tr><td>Pagado conforme al convenio</td><td class='n'>%s</td></tr>
                <tr><td>Descuento (quita) otorgado</td><td class='n'>%s</td></tr>
                <tr class='sum'><td>Saldo</td><td class='n'>%s</td></tr>
                </table>
                <p>Se extiende la presente a petición del interesado y para los fines legales que a su derecho convengan.
                Esta carta no requiere firma autógrafa: lleva el sello digital de %s, que cualquier lector de PDF puede verificar.</p>
                <div class='sign'><div class='line'>%s<br/><span class='small'>Área de cobranza</span></div></div>
                <div class='foot'>Documento emitido electrónicamente. Cualquier alteración invalida el sello digital.</div>
                </body></html>""".formatted(esc(l.creditor()), esc(orDash(l.creditorTaxId())), esc(l.folio()), longDate(l.date()),
                esc(l.creditor()), esc(orDash(l.creditorTaxId())), esc(l.customerName()),
                l.customerTaxId() == null || l.customerTaxId().isBlank() ? "" : " (RFC " + esc(l.customerTaxId()) + ")",
                esc(l.customerId()), esc(l.planReference()), longDate(l.signedOn()), rows,
                money(l.owed(), l.currency()), money(l.paid(), l.currency()), money(l.discount(), l.currency()),
                money(BigDecimal.ZERO, l.currency()), esc(l.creditor()), esc(l.creditor()));
        return render(html);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    private static String longDate(LocalDate d) {
        if (d == null) return "—";
        return d.format(java.time.format.DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy", java.util.Locale.forLanguageTag("es-MX")));
    }

    private static byte[] render(String html) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html.replace("<br>", "<br/>"), null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Could not render the letter", e);
        }
    }

    private static String money(BigDecimal amount, String currency) {
        return String.format("%,.2f %s", amount, currency);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
