package mx.recaudo.payment;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.portfolio.Portfolio;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Payment links: a hosted checkout at a provider for an amount a customer owes; the provider's
 * signed webhook posts the payment exactly once (its idempotency key is the provider's checkout id).
 */
@Service
public class PaymentLinks {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Payments payments;
    private final Portfolio portfolio;
    private final AuditLog audit;
    private final Map<String, PaymentLinkProvider> providers;

    PaymentLinks(JdbcClient jdbc, TransactionTemplate tx, Payments payments, Portfolio portfolio, AuditLog audit,
                 List<PaymentLinkProvider> providers) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.portfolio = portfolio;
        this.audit = audit;
        this.providers = providers.stream().collect(Collectors.toMap(PaymentLinkProvider::name, Function.identity()));
    }

    public record PaymentLink(UUID id, long customerId, BigDecimal amount, String currency, String provider,
                              String checkoutId, String url, String status, UUID paymentId) {}

    /** Whether links can be made with the provider ({@code null}: the default, {@code hosted}): it exists and is set up. */
    public boolean available(String providerName) {
        PaymentLinkProvider p = providers.get(providerName == null ? "hosted" : providerName);
        return p != null && p.configured();
    }

    /** Creates a hosted checkout for a customer (by external id) and returns its URL. */
    public PaymentLink create(String customerExternalId, BigDecimal amount, String currency, String providerName) {
        PostPayment check = new PostPayment(customerExternalId, amount, currency, null, null, "n/a", PostPayment.Channel.LINK);
        if (!check.problems().isEmpty()) throw new Problem.Rejected(check.problems());
        PaymentLinkProvider provider = Optional.ofNullable(providers.get(providerName == null ? "hosted" : providerName))
                .orElseThrow(() -> new Problem.Rejected(List.of(new Problem("provider", "Proveedor desconocido: " + providerName,
                        "Unknown provider: " + providerName))));
        long customerId = portfolio.findIdByExternalId(customerExternalId).orElseThrow(() -> new Problem.Rejected(
                "unknown_customer", 422, List.of(new Problem("customer", "No existe el cliente " + customerExternalId,
                        "No such customer: " + customerExternalId))));
        UUID id = UUID.randomUUID();
        PaymentLinkProvider.Checkout checkout;
        try {
            checkout = provider.createCheckout(new PaymentLinkProvider.CheckoutRequest(
                    id.toString(), amount, check.currency(), "Pago " + customerExternalId, customerExternalId));
        } catch (RuntimeException e) {
            throw new Problem.Rejected("provider_unavailable", 502, List.of(new Problem("provider",
                    "El proveedor de pagos no respondió; intente de nuevo", "The payment provider did not answer; try again")));
        }
        String actor = Payments.actor();
        try {
            tx.executeWithoutResult(s -> {
                jdbc.sql("""
                        insert into payment_link (id, org_id, customer_id, amount, currency, provider, provider_checkout_id, url,
                                                  status, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
                        .params(id, TenantContext.require(), customerId, amount, check.currency(), provider.name(),
                                checkout.checkoutId(), checkout.url(), actor).update();
                audit.record(actor, "PAYMENT_LINK_CREATED", "payment_link", id.toString(), Map.of("customerId", customerId,
                        "amount", amount.toPlainString(), "currency", check.currency(), "provider", provider.name()));
            });
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // The provider answered with a checkout id one of our links already holds: never two links for one checkout.
            throw new Problem.Rejected("duplicate_checkout", 409, List.of(new Problem("provider",
                    "El proveedor devolvió un pago en línea que ya existe (" + checkout.checkoutId() + "); intente de nuevo",
                    "The provider answered with a checkout that already exists (" + checkout.checkoutId() + "); try again")));
        }
        return find(id).orElseThrow();
    }

    public Optional<PaymentLink> find(UUID id) {
        return jdbc.sql("select * from payment_link where id = ?").param(id).query((rs, i) -> new PaymentLink(
                rs.getObject("id", UUID.class), rs.getLong("customer_id"), rs.getBigDecimal("amount"),
                rs.getString("currency"), rs.getString("provider"), rs.getString("provider_checkout_id"),
                rs.getString("url"), rs.getString("status"), rs.getObject("payment_id", UUID.class))).optional();
    }

    /**
     * Handles a provider's webhook for the bound organization: checks its signature, and for a paid
     * checkout posts the payment (once, however often the provider retries). Returns the payment.
     */
    public Optional<PaymentView> webhook(String providerName, byte[] body, Map<String, String> headers) {
        PaymentLinkProvider provider = providers.get(providerName);
        if (provider == null) throw new IllegalArgumentException("Unknown provider " + providerName);
        Optional<PaymentLinkProvider.PaidCheckout> paid = provider.readWebhook(body, headers);
        if (paid.isEmpty()) return Optional.empty();
        PaymentLinkProvider.PaidCheckout p = paid.get();
        record Link(UUID id, long customerId) {}
        Link link = jdbc.sql("select id, customer_id from payment_link where provider = ? and provider_checkout_id = ?")
                .params(providerName, p.checkoutId())
                .query((rs, i) -> new Link(rs.getObject(1, UUID.class), rs.getLong(2))).optional()
                .orElseThrow(() -> new IllegalArgumentException("Unknown checkout " + p.checkoutId()));
        Payments.Posted posted = payments.post(link.customerId(), new PostPayment("#" + link.customerId(), p.amount(),
                p.currency(), "link:" + link.id(), p.paidAt(), "link:" + providerName + ":" + p.checkoutId(),
                PostPayment.Channel.LINK));
        tx.executeWithoutResult(s -> jdbc.sql("""
                update payment_link set status = 'PAID', payment_id = ?, paid_at = ? where id = ? and status = 'OPEN'""")
                .params(posted.payment().id(), Timestamp.from(posted.payment().receivedAt()), link.id()).update());
        return Optional.of(posted.payment());
    }
}
