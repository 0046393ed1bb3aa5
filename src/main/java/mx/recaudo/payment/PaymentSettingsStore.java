package mx.recaudo.payment;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.shared.TenantContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and changes the bound organization's payment settings; what it has not set comes from {@link PaymentProperties}. */
@Service
@EnableConfigurationProperties(PaymentProperties.class)
public class PaymentSettingsStore {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final PaymentProperties defaults;

    PaymentSettingsStore(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, PaymentProperties defaults) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.defaults = defaults;
    }

    public PaymentSettings current() {
        return jdbc.sql("select * from payment_settings").query((rs, i) -> new PaymentSettings(
                        AllocationRule.named(rs.getString("allocation_rule")),
                        ReferenceScheme.named(rs.getString("reference_scheme")), rs.getString("reference_prefix"),
                        rs.getString("clabe_bank"), rs.getString("clabe_branch")))
                .optional().orElseGet(() -> new PaymentSettings(AllocationRule.named(defaults.allocationRule()),
                        ReferenceScheme.named(defaults.referenceScheme()), defaults.referencePrefix(),
                        defaults.clabeBank(), defaults.clabeBranch()));
    }

    public void change(PaymentSettings s) {
        tx.executeWithoutResult(st -> {
            jdbc.sql("""
                    insert into payment_settings (org_id, allocation_rule, reference_scheme, reference_prefix, clabe_bank, clabe_branch)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (org_id) do update set allocation_rule = excluded.allocation_rule,
                           reference_scheme = excluded.reference_scheme, reference_prefix = excluded.reference_prefix,
                           clabe_bank = excluded.clabe_bank, clabe_branch = excluded.clabe_branch, updated_at = now()""")
                    .params(TenantContext.require(), s.allocationRule().name(), s.referenceScheme().name(),
                            s.referencePrefix(), s.clabeBank(), s.clabeBranch()).update();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("allocationRule", s.allocationRule().name());
            details.put("referenceScheme", s.referenceScheme().name());
            details.put("referencePrefix", s.referencePrefix());
            details.put("clabe", s.issuesClabes() ? s.clabeBank() + s.clabeBranch() : "");
            audit.record("PAYMENT_SETTINGS_CHANGED", "payment_settings", TenantContext.require().toString(), details);
        });
    }
}
