package mx.recaudo.payment;

import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Optional;

/**
 * A customer's deposit reference (body = the organization's prefix + the customer number padded to
 * 10 digits, then the scheme's check digit) and virtual CLABE (the organization's bank and branch +
 * the customer number as the 11-digit account). Both are kept once handed out, and both identify the
 * customer when a bank statement line carries them.
 */
@Service
public class PaymentReferences {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PaymentSettingsStore settings;

    PaymentReferences(JdbcClient jdbc, TransactionTemplate tx, PaymentSettingsStore settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
    }

    /** The customer's deposit reference under the organization's scheme (created on first use). */
    public String referenceFor(long customerId) {
        PaymentSettings s = settings.current();
        String reference = s.referenceScheme().reference(s.referencePrefix() + String.format("%010d", customerId));
        return tx.execute(st -> {
            requireCustomer(customerId);
            jdbc.sql("""
                    insert into payment_reference (org_id, customer_id, scheme, reference) values (?, ?, ?, ?)
                    on conflict (customer_id, scheme) do nothing""")
                    .params(TenantContext.require(), customerId, s.referenceScheme().name(), reference).update();
            return jdbc.sql("select reference from payment_reference where customer_id = ? and scheme = ?")
                    .params(customerId, s.referenceScheme().name()).query(String.class).single();
        });
    }

    /** The customer's virtual CLABE, when the organization has set a bank and branch (created on first use). */
    public Optional<Clabe> clabeFor(long customerId) {
        PaymentSettings s = settings.current();
        if (!s.issuesClabes()) return Optional.empty();
        Clabe clabe = Clabe.of(s.clabeBank(), s.clabeBranch(), customerId);
        return Optional.of(tx.execute(st -> {
            requireCustomer(customerId);
            jdbc.sql("insert into virtual_clabe (org_id, customer_id, clabe) values (?, ?, ?) on conflict (customer_id) do nothing")
                    .params(TenantContext.require(), customerId, clabe.value()).update();
            return new Clabe(jdbc.sql("select clabe from virtual_clabe where customer_id = ?").param(customerId)
                    .query(String.class).single());
        }));
    }

    /** The customer a deposit reference names: one handed out, or one whose check digit and prefix are right. */
    public Optional<Long> customerByReference(String reference) {
        if (reference == null || reference.isBlank()) return Optional.empty();
        String r = reference.strip();
        Optional<Long> stored = jdbc.sql("select customer_id from payment_reference where reference = ?").param(r)
                .query(Long.class).optional();
        if (stored.isPresent()) return stored;
        PaymentSettings s = settings.current();
        return s.referenceScheme().body(r)
                .filter(body -> body.startsWith(s.referencePrefix()) && body.length() == s.referencePrefix().length() + 10)
                .map(body -> Long.parseLong(body.substring(s.referencePrefix().length())))
                .filter(this::customerExists);
    }

    /** The customer a virtual CLABE belongs to. */
    public Optional<Long> customerByClabe(String clabeText) {
        Optional<Clabe> clabe = Clabe.parse(clabeText);
        if (clabe.isEmpty()) return Optional.empty();
        Optional<Long> stored = jdbc.sql("select customer_id from virtual_clabe where clabe = ?").param(clabe.get().value())
                .query(Long.class).optional();
        if (stored.isPresent()) return stored;
        PaymentSettings s = settings.current();
        if (!s.issuesClabes() || !clabe.get().bank().equals(s.clabeBank()) || !clabe.get().branch().equals(s.clabeBranch())) {
            return Optional.empty();
        }
        return Optional.of(clabe.get().account()).filter(this::customerExists);
    }

    private boolean customerExists(long id) {
        return jdbc.sql("select exists (select 1 from customer where id = ?)").param(id).query(Boolean.class).single();
    }

    private void requireCustomer(long id) {
        if (!customerExists(id)) {
            throw new Problem.Rejected("not_found", 404, List.of(new Problem("customer", "No existe ese cliente", "No such customer")));
        }
    }
}
