package mx.recaudo.payment;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BankStatementIntegrationTests {
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired BankStatements statements;
    @Autowired PaymentReferences references;
    @Autowired PaymentSettingsStore settings;
    @Autowired Payments payments;
    @Autowired JdbcTemplate jdbc;
    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "bank");
        PaymentFixtures.load(imports, org.id(),
                "B1,BL-1,LOAN_INSTALLMENT,MXN,1000.00,2025-01-10",
                "B2,BL-2,LOAN_INSTALLMENT,MXN,500.00,2025-01-10",
                "B3,BL-3,LOAN_INSTALLMENT,MXN,777.77,2025-01-10",
                "B4,BL-4,LOAN_INSTALLMENT,MXN,250.00,2025-01-10",
                "B5,BL-5,LOAN_INSTALLMENT,MXN,250.00,2025-01-10");
        TenantContext.run(org.id(), () -> settings.change(new PaymentSettings(AllocationRule.named("OLDEST_DUE_FIRST"),
                ReferenceScheme.named("MOD10_LUHN"), "", "646", "180")));
    }

    long customer(String externalId) {
        return TenantContext.call(org.id(), () -> jdbc.queryForObject("select id from customer where external_id = ?",
                Long.class, externalId));
    }

    BigDecimal balance(String obligation) {
        return TenantContext.call(org.id(), () -> jdbc.queryForObject("select balance from obligation where external_id = ?",
                BigDecimal.class, obligation));
    }

    @Test
    void linesAreMatchedByReferenceClabeOrAmountAndTheRestGoToTheExceptionsQueue_andAFileLoadedTwicePostsNothingTwice()
            throws Exception {
        String reference = TenantContext.call(org.id(), () -> references.referenceFor(customer("B1")));
        String clabe = TenantContext.call(org.id(), () -> references.clabeFor(customer("B2")).orElseThrow().value());
        String csv = "fecha;importe;referencia;cuenta;concepto\n"
                + "05/03/2025;400,00;" + reference + ";;SPEI\n"
                + "05/03/2025;1.500,00;;" + clabe + ";Depósito\n"
                + "05/03/2025;777,77;;;Pago sin referencia\n"
                + "05/03/2025;250,00;;;¿B4 o B5?\n"
                + "05/03/2025;99,00;12345;;Nadie\n"
                + "no es fecha;10,00;;;Ilegible\n";
        Path file = Files.createTempFile("edo", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        BankFileLayout layout = new BankFileLayout("Banco X", ';', true, "fecha", "importe", "referencia", "cuenta",
                "concepto", null, "dd/MM/yyyy", true, "MXN", true);

        BankStatementResult result = TenantContext.call(org.id(), () -> statements.importFile(file, "edo.csv", layout));
        assertThat(result.status()).isEqualTo("COMPLETED");
        assertThat(result.linesRead()).isEqualTo(6);
        assertThat(result.paymentsPosted()).isEqualTo(3);
        assertThat(result.exceptions()).isEqualTo(3);
        assertThat(result.amountPosted()).isEqualByComparingTo("2677.77");
        assertThat(balance("BL-1")).isEqualByComparingTo("600");
        assertThat(balance("BL-2")).isEqualByComparingTo("0");
        assertThat(balance("BL-3")).isEqualByComparingTo("0");
        assertThat(TenantContext.call(org.id(), () -> payments.unappliedCredit(customer("B2"))).get("MXN"))
                .isEqualByComparingTo("1000");

        List<BankStatements.PaymentException> open = TenantContext.call(org.id(), () -> statements.openExceptions(10));
        assertThat(open).extracting(BankStatements.PaymentException::reason)
                .containsExactly("AMBIGUOUS_AMOUNT", "NO_MATCH", "UNREADABLE");

        BankStatementResult again = TenantContext.call(org.id(), () -> statements.importFile(file, "edo.csv", layout));
        assertThat(again.paymentsPosted()).isZero();
        assertThat(again.duplicates()).isEqualTo(3);
        assertThat(balance("BL-1")).isEqualByComparingTo("600");

        // A person assigns the ambiguous deposit to B5; it is posted once.
        TenantContext.run(org.id(), () -> statements.resolve(open.getFirst().id(), "B5"));
        assertThat(balance("BL-5")).isEqualByComparingTo("0");
        assertThat(balance("BL-4")).isEqualByComparingTo("250");
        Files.delete(file);
    }

    @Test
    void aLayoutNamingAColumnTheFileLacksFailsTheStatementWithTheReason() throws Exception {
        Path file = Files.createTempFile("edo", ".csv");
        Files.writeString(file, "a,b\n1,2\n");
        BankStatementResult result = TenantContext.call(org.id(), () -> statements.importFile(file, "x.csv", BankFileLayout.standard()));
        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.failure()).contains("amount");
        Files.delete(file);
    }
}
