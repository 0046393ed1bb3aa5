package mx.recaudo.portfolio;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch write API of balances: many customers locked and reduced at once, all or nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObligationsIntegrationTests {
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired Obligations obligations;
    @Autowired ObligationComponents components;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcTemplate jdbc;
    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "obl");
        String csv = "customer_id,customer_name,obligation_id,currency,original_amount,balance,issue_date,due_date\n"
                + "K1,Uno,K1-A,MXN,100.00,100.00,2024-01-01,2025-01-10\n"
                + "K1,Uno,K1-B,MXN,300.00,300.00,2024-01-01,2025-03-10\n"
                + "K2,Dos,K2-A,MXN,50.00,50.00,2024-01-01,2025-02-10\n"
                + "K2,Dos,K2-U,USD,70.00,70.00,2024-01-01,2025-01-05\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ImportJob job = TenantContext.call(org.id(), () -> imports.importNow("c.csv", new ByteArrayInputStream(bytes),
                bytes.length, ImportMode.UPSERT, Map.of(), "CLI", "test"));
        assertThat(job.rowsRejected()).isZero();
        TenantContext.run(org.id(), () -> tx.executeWithoutResult(s ->
                components.set(id("K1-A"), new BigDecimal("10.00"), new BigDecimal("20.00"))));
    }

    long id(String obligation) {
        return jdbc.queryForObject("select id from obligation where external_id = ?", Long.class, obligation);
    }

    @Test
    void manyReductionsInOneCallPayObligationsAndRefreshTheCustomersBalances() {
        TenantContext.run(org.id(), () -> tx.executeWithoutResult(s -> {
            List<Obligations.Locked> locked = obligations.lockOpen(List.of(customer("K1"), customer("K2")));
            assertThat(locked).extracting(l -> l.obligation().externalId()).containsExactlyInAnyOrder("K1-A", "K1-B", "K2-A", "K2-U");
            assertThat(locked).filteredOn(l -> l.obligation().externalId().equals("K1-A"))
                    .singleElement().satisfies(l -> {
                        assertThat(l.fees()).isEqualByComparingTo("10");
                        assertThat(l.interest()).isEqualByComparingTo("20");
                    });
            obligations.reduceBalances(List.of(
                    new Obligations.Reduction(id("K1-A"), new BigDecimal("100.00"), new BigDecimal("10.00"), new BigDecimal("20.00")),
                    new Obligations.Reduction(id("K1-B"), new BigDecimal("0.50"), BigDecimal.ZERO, BigDecimal.ZERO),
                    new Obligations.Reduction(id("K2-A"), new BigDecimal("50.00"), BigDecimal.ZERO, BigDecimal.ZERO)));
        }));
        TenantContext.run(org.id(), () -> {
            assertThat(jdbc.queryForList("select external_id, balance, fees_balance, interest_balance, status from obligation order by external_id"))
                    .extracting(r -> r.get("external_id") + " " + r.get("balance") + " " + r.get("fees_balance") + " "
                            + r.get("interest_balance") + " " + r.get("status"))
                    .containsExactly("K1-A 0.00 0.00 0.00 PAID", "K1-B 299.50 0.00 0.00 ACTIVE",
                            "K2-A 0.00 0.00 0.00 PAID", "K2-U 70.00 0.00 0.00 ACTIVE");
            assertThat(jdbc.queryForList("""
                    select c.external_id, b.currency, b.balance, b.open_obligations, b.oldest_unpaid_due_date
                      from customer_balance b join customer c on c.id = b.customer_id order by 1, 2"""))
                    .extracting(r -> r.get("external_id") + " " + r.get("currency") + " " + r.get("balance") + " "
                            + r.get("open_obligations") + " " + r.get("oldest_unpaid_due_date"))
                    .containsExactly("K1 MXN 299.50 1 2025-03-10", "K2 USD 70.00 1 2025-01-05");
            assertThat(jdbc.queryForList("select external_id, oldest_unpaid_due_date from customer order by 1"))
                    .extracting(r -> r.get("external_id") + " " + r.get("oldest_unpaid_due_date"))
                    .containsExactly("K1 2025-03-10", "K2 2025-01-05");
        });
    }

    @Test
    void aReductionBelowZeroRefusesTheWholeCall() {
        assertThatThrownBy(() -> TenantContext.run(org.id(), () -> tx.executeWithoutResult(s ->
                obligations.reduceBalances(List.of(
                        new Obligations.Reduction(id("K1-B"), new BigDecimal("10.00"), BigDecimal.ZERO, BigDecimal.ZERO),
                        new Obligations.Reduction(id("K2-A"), new BigDecimal("50.01"), BigDecimal.ZERO, BigDecimal.ZERO))))))
                .isInstanceOf(IllegalStateException.class);
        TenantContext.run(org.id(), () -> assertThat(jdbc.queryForObject(
                "select balance from obligation where external_id = 'K1-B'", BigDecimal.class)).isEqualByComparingTo("300"));
    }

    long customer(String externalId) {
        return jdbc.queryForObject("select id from customer where external_id = ?", Long.class, externalId);
    }
}
