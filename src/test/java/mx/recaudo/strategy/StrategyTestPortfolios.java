package mx.recaudo.strategy;

import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads portfolios through the real importer. */
final class StrategyTestPortfolios {
    static final String HEADER = "customer_id,customer_name,customer_type,tax_id,customer_since,phone,email,whatsapp,"
            + "address,state,postal_code,obligation_id,obligation_kind,product,currency,original_amount,balance,"
            + "issue_date,due_date\n";

    private StrategyTestPortfolios() {}

    /** Loads a generated file; a few rows may be rejected (the generator's dirty rows). */
    static void loadLenient(PortfolioImports imports, UUID org, String csv) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ImportJob job = TenantContext.call(org, () -> imports.importNow("cartera.csv", new ByteArrayInputStream(bytes),
                bytes.length, ImportMode.UPSERT, Map.of(), "CLI", "test"));
        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
    }

    static void load(PortfolioImports imports, UUID org, String csv) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ImportJob job = TenantContext.call(org, () -> imports.importNow("cartera.csv", new ByteArrayInputStream(bytes),
                bytes.length, ImportMode.UPSERT, Map.of(), "CLI", "test"));
        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(job.rowsRejected()).isZero();
    }
}
