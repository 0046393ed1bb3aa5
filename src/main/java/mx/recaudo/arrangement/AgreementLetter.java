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
