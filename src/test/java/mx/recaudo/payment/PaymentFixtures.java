package mx.recaudo.payment;

import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads a small portfolio into a test organization through the real importer. */
public final class PaymentFixtures {
    public static final String HEADER = "customer_id,customer_name,customer_type,tax_id,customer_since,phone,email,whatsapp,"
            + "address,state,postal_code,obligation_id,obligation_kind,product,currency,original_amount,balance,"
            + "issue_date,due_date\n";

    private PaymentFixtures() {}

    /** Rows: customer id, obligation id, kind, currency, balance, due date. */
    public static void load(PortfolioImports imports, UUID org, String... rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (String row : rows) {
            String[] f = row.split(",");
            csv.append(f[0]).append(",Cliente ").append(f[0]).append(",PERSON,,,,,,,,,").append(f[1]).append(',')
                    .append(f[2]).append(",Crédito,").append(f[3]).append(',').append(f[4]).append(',').append(f[4])
                    .append(",2024-01-01,").append(f[5]).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        ImportJob job = TenantContext.call(org, () -> imports.importNow("cartera.csv", new ByteArrayInputStream(bytes),
                bytes.length, ImportMode.UPSERT, Map.of(), "CLI", "test"));
        assertThat(job.rowsRejected()).as("fixture rows rejected").isZero();
    }
}
