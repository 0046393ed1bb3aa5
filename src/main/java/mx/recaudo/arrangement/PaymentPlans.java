package mx.recaudo.arrangement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.arrangement.PlanEvent.PlanActivated;
import mx.recaudo.arrangement.PlanEvent.PlanBroken;
import mx.recaudo.arrangement.PlanEvent.PlanCompleted;
import mx.recaudo.audit.AuditLog;
import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.Organization;
import mx.recaudo.identity.RecaudoUser;
import mx.recaudo.payment.PaymentLinks;
import mx.recaudo.payment.PaymentPosted;
import mx.recaudo.payment.PaymentReferences;
import mx.recaudo.payment.PaymentReversed;
import mx.recaudo.payment.Payments;
import mx.recaudo.payment.Problem;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.portfolio.CustomerView;
import mx.recaudo.portfolio.ObligationComponents;
import mx.recaudo.portfolio.Obligations;
import mx.recaudo.portfolio.OpenObligation;
import mx.recaudo.portfolio.Portfolio;
import mx.recaudo.portfolio.PortfolioFacts;
import mx.recaudo.segmentation.CustomerFacts;
import mx.recaudo.segmentation.Segmentations;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Payment plans (convenios): proposed by an agent within the segment's {@link PlanPolicy} (PROPOSED)
 * or beyond it (PENDING_APPROVAL, for a supervisor other than the requester, who signs the decision
 * by re-entering the password); signed by the customer with a {@link OneTimeCode} sent through the
 * contact outbox, after which the agreement letter is sealed with the organization's PAdES seal and
 * the plan is ACTIVE. Payments received since the proposal are applied to the installments in order;
 * a plan is COMPLETED when they are all paid (the discount is then applied to the obligations and a
 * sealed settlement letter issued) and BROKEN when one stays unpaid past its date and the grace.
 * {@link PlanEvent}s are published after commit. The scheduled check runs on any number of nodes:
 * each due plan is claimed by one of them ({@code FOR UPDATE SKIP LOCKED}).
 */
@Service
public class PaymentPlans {
    private static final Logger log = LoggerFactory.getLogger(PaymentPlans.class);
    private final String node = "node-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final JdbcClient jdbc;
    private final JdbcClient system;
    private final TransactionTemplate tx;
    private final Portfolio portfolio;
    private final Obligations obligations;
    private final ObligationComponents components;
    private final PortfolioFacts facts;
    private final Segmentations segmentations;
    private final Payments payments;
    private final PaymentReferences references;
    private final ContactOutbox outbox;
    private final IdentityManagement identity;
    private final OrganizationSeals seals;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;
    private final ArrangementProperties properties;
    private final PlanPolicies policies;
    private final PaymentLinks links;

    PaymentPlans(JdbcClient jdbc, @SystemDatabase JdbcClient system, PlatformTransactionManager transactions,
                 Portfolio portfolio, Obligations obligations, ObligationComponents components, PortfolioFacts facts,
                 Segmentations segmentations, Payments payments, PaymentReferences references, ContactOutbox outbox,
                 IdentityManagement identity, OrganizationSeals seals, AuditLog audit, ApplicationEventPublisher events,
                 ObjectMapper json, Clock clock, ArrangementProperties properties, PlanPolicies policies, PaymentLinks links) {
        this.jdbc = jdbc;
        this.system = system;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.portfolio = portfolio;
        this.obligations = obligations;
        this.components = components;
        this.facts = facts;
        this.segmentations = segmentations;
        this.payments = payments;
        this.references = references;
        this.outbox = outbox;
        this.identity = identity;
        this.seals = seals;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.policies = policies;
        this.links = links;
    }

    // ---------------------------------------------------------------- proposing

    /**
     * Proposes a plan for the bound organization: PROPOSED when within the segment's policy,
     * PENDING_APPROVAL (with every limit it passes) when beyond. Impossible plans are refused with
     * every reason. With an idempotency key, asking again answers the plan already proposed.
     */
    public PlanView propose(ProposePlan command) {
        List<Problem> problems = command.problems();
        if (!problems.isEmpty()) throw new Problem.Rejected(problems);
        long customerId = portfolio.findIdByExternalId(command.customer()).orElseThrow(() -> new Problem.Rejected(
                "unknown_customer", 422, List.of(new Problem("customer", "No existe el cliente " + command.customer(),
                        "No such customer: " + command.customer()))));
        return propose(customerId, command);
    }

    public PlanView propose(long customerId, ProposePlan command) {
        List<Problem> requestProblems = command.problems().stream().filter(p -> !"customer".equals(p.field())).toList();
        if (!requestProblems.isEmpty()) throw new Problem.Rejected(requestProblems);
        String fingerprint = sha256(customerId + "|" + command.fingerprint());
        if (command.idempotencyKey() != null) {
            Optional<PlanView> earlier = byKey(command.idempotencyKey(), customerId, fingerprint);
            if (earlier.isPresent()) return earlier.get();
        }
        Draft draft = draft(customerId, command);
        String actor = actor();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Boolean created = tx.execute(s -> {
            // One plan-maker per customer at a time, so two agents cannot open two plans on the same debt.
            jdbc.sql("select pg_advisory_xact_lock(hashtext('plan:' || ?))").param(customerId).query().singleValue();
            if (command.idempotencyKey() != null && byKey(command.idempotencyKey(), customerId, fingerprint).isPresent()) {
                return false;
            }
            List<UUID> open = jdbc.sql("select id from payment_plan where customer_id = ? and currency = ? and status in "
                            + "('PENDING_APPROVAL','PROPOSED','APPROVED','AWAITING_SIGNATURE','ACTIVE')")
                    .params(customerId, draft.currency()).query(UUID.class).list();
            if (!open.isEmpty()) {
                throw new Problem.Rejected("open_plan", 409, List.of(new Problem("customer",
                        "El cliente ya tiene un convenio abierto en " + draft.currency() + " (" + open.getFirst() + "); cancélelo primero",
                        "The customer already has an open plan in " + draft.currency() + " (" + open.getFirst() + "); cancel it first")));
            }
            PlanStatus status = draft.violations().isEmpty() ? PlanStatus.PROPOSED : PlanStatus.PENDING_APPROVAL;
            jdbc.sql("""
                    insert into payment_plan (id, org_id, customer_id, currency, status, segment, days_past_due, balance,
                           principal, interest, fees, discount, discount_on, down_payment, to_pay, grace_days, within_policy,
                           violations, idempotency_key, request_hash, created_by, created_at, agreement_pdf, agreement_sha256)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)""")
                    .params(id, TenantContext.require(), customerId, draft.currency(), status.name(), draft.segment(),
                            (int) draft.terms().daysPastDue(), draft.terms().balance(), draft.breakdown().principal(),
                            draft.breakdown().ordinaryInterest(), draft.breakdown().otherCosts(), draft.terms().discount(),
                            command.discountOn().name(), draft.terms().downPayment(), draft.terms().toPay(),
                            properties.plan().graceDays(), draft.violations().isEmpty(), toJson(draft.violations()),
                            command.idempotencyKey(), fingerprint, actor, Timestamp.from(now), draft.letter(), sha256(draft.letter()))
                    .update();
            for (OpenObligation o : draft.obligations()) {
                jdbc.sql("insert into payment_plan_obligation (org_id, plan_id, obligation_id, external_id, balance) values (?, ?, ?, ?, ?)")
                        .params(TenantContext.require(), id, o.id(), o.externalId(), o.balance()).update();
            }
            for (PlanSchedule.Line l : draft.schedule().lines()) {
                jdbc.sql("insert into payment_plan_installment (org_id, plan_id, number, due_date, amount) values (?, ?, ?, ?, ?)")
                        .params(TenantContext.require(), id, l.number(), l.dueDate(), l.amount()).update();
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("customerId", customerId);
            d.put("status", status.name());
            d.put("currency", draft.currency());
            d.put("balance", draft.terms().balance().toPlainString());
            d.put("discount", draft.terms().discount().toPlainString());
            d.put("discountOn", command.discountOn().name());
            d.put("downPayment", draft.terms().downPayment().toPlainString());
            d.put("installments", draft.terms().installments());
            d.put("violations", draft.violations().stream().map(Problem::field).toList());
            d.put("agreementSha256", sha256(draft.letter()));
            audit.record(actor, "PLAN_PROPOSED", "payment_plan", id.toString(), d);
            return true;
        });
        if (Boolean.FALSE.equals(created)) return byKey(command.idempotencyKey(), customerId, fingerprint).orElseThrow();
        return find(id).orElseThrow();
    }

    private record Draft(String currency, List<OpenObligation> obligations, PlanPolicy.Terms terms,
                         AgreementLetter.Breakdown breakdown, String segment, List<Problem> violations, PlanSchedule schedule,
                         byte[] letter) {}

    /** Everything about a proposal that can be decided before writing: the debt, the terms, the policy, the letter. */
    private Draft draft(long customerId, ProposePlan command) {
        LocalDate today = portfolio.today();
        List<OpenObligation> open = obligations.open(customerId);
        List<Problem> problems = new ArrayList<>();
        List<OpenObligation> chosen = open;
        if (!command.obligations().isEmpty()) {
            Map<String, OpenObligation> byId = open.stream().collect(Collectors.toMap(OpenObligation::externalId, o -> o, (a, b) -> a));
            List<String> unknown = command.obligations().stream().filter(e -> !byId.containsKey(e)).toList();
            if (!unknown.isEmpty()) {
                problems.add(new Problem("obligations", "Documentos sin saldo abierto del cliente: " + String.join(", ", unknown),
                        "Not open obligations of the customer: " + String.join(", ", unknown)));
            }
            chosen = command.obligations().stream().distinct().filter(byId::containsKey).map(byId::get).toList();
        }
        Set<String> currencies = chosen.stream().map(OpenObligation::currency).collect(Collectors.toSet());
        String currency = command.currency();
        if (currency == null) {
            if (currencies.size() > 1) {
                problems.add(new Problem("currency", "El cliente debe en varias monedas: indique una",
                        "The customer owes in several currencies: name one"));
            }
            currency = currencies.size() == 1 ? currencies.iterator().next() : null;
        }
        String cur = currency;
        chosen = chosen.stream().filter(o -> o.currency().equals(cur)).toList();
        if (problems.isEmpty() && chosen.isEmpty()) {
            problems.add(new Problem("obligations", "No hay saldo abierto que convenir" + (cur == null ? "" : " en " + cur),
                    "There is no open balance to arrange" + (cur == null ? "" : " in " + cur)));
        }
        if (!problems.isEmpty()) throw new Problem.Rejected("plan_invalid", 422, problems);

        BigDecimal balance = chosen.stream().map(OpenObligation::balance).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Long> chosenIds = chosen.stream().map(OpenObligation::id).toList();
        var parts = components.of(chosenIds);
        BigDecimal interest = parts.values().stream().map(ObligationComponents.Components::interest).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fees = parts.values().stream().map(ObligationComponents.Components::fees).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal principal = balance.subtract(interest).subtract(fees);
        if (command.discountOn() == ProposePlan.DiscountOn.INTEREST && command.discount().compareTo(interest) > 0) {
            problems.add(new Problem("discount", "El descuento sobre intereses no puede pasar de los intereses (" + interest.toPlainString() + ")",
                    "A discount on interest cannot exceed the interest (" + interest.toPlainString() + ")"));
        }
        LocalDate oldestDue = chosen.stream().map(OpenObligation::dueDate).min(LocalDate::compareTo).orElse(today);
        long dpd = Math.max(0, ChronoUnit.DAYS.between(oldestDue, today));
        LocalDate downDate = command.downPaymentDate() != null ? command.downPaymentDate() : today;
        if (downDate.isBefore(today)) {
            problems.add(new Problem("downPaymentDate", "La fecha del pago inicial no puede ser pasada", "The down payment date cannot be in the past"));
        }
        LocalDate first = command.explicitSchedule() ? command.schedule().getFirst().dueDate() : command.firstDueDate();
        if (first == null) first = downDate;
        if (!command.explicitSchedule() && command.installmentCount() > 0) {
            if (first.isBefore(today)) {
                problems.add(new Problem("firstDueDate", "La primera parcialidad no puede ser en una fecha pasada",
                        "The first installment cannot be in the past"));
            } else if (command.downPayment().signum() > 0 && !first.isAfter(downDate)) {
                problems.add(new Problem("firstDueDate", "La primera parcialidad va después del pago inicial",
                        "The first installment comes after the down payment"));
            }
        }
        PlanPolicy.Terms terms = new PlanPolicy.Terms(balance, command.discount(), command.downPayment(),
                command.installmentCount(), first, dpd);
        problems.addAll(PlanPolicy.invalid(terms));
        if (command.explicitSchedule() && problems.isEmpty()) {
            problems.addAll(PlanSchedule.problems(command.schedule(), terms.financed(),
                    command.downPayment().signum() > 0 ? downDate : today.minusDays(1)));
        }
        if (!problems.isEmpty()) throw new Problem.Rejected("plan_invalid", 422, problems);

        PlanSchedule schedule = command.explicitSchedule()
                ? PlanSchedule.given(terms.downPayment(), downDate, command.schedule())
                : PlanSchedule.equalMonthly(terms.downPayment(), downDate, terms.financed(), terms.installments(), first);
        String segment = segmentOf(customerId, today);
        List<Problem> violations = policies.policyFor(segment).check(terms);

        var breakdown = new AgreementLetter.Breakdown(principal, interest, BigDecimal.ZERO, fees, command.discount());
        Organization org = identity.currentOrganization();
        CustomerView customer = portfolio.customer(customerId).orElseThrow();
        String reference = references.referenceFor(customerId);
        String clabe = references.clabeFor(customerId).map(c -> c.value()).orElse(null);
        byte[] letter = AgreementLetter.agreement(new AgreementLetter.Letter(creditor(org), org.taxId(), customer.name(),
                customer.externalId(), currency, breakdown, terms.installments() == 0, terms.downPayment(),
                schedule.installments(), clabe, reference, today));
        return new Draft(currency, chosen, terms, breakdown, segment, violations, schedule, letter);
    }

    private String segmentOf(long customerId, LocalDate today) {
        try {
            return facts.of(customerId).map(f -> segmentations.active().assign(CustomerFacts.of(f, today)).key()).orElse("default");
        } catch (RuntimeException e) {
            log.debug("No segment for customer {}: the default plan limits apply", customerId, e);
            return "default";
        }
    }

    private Optional<PlanView> byKey(String key, long customerId, String fingerprint) {
        record Earlier(UUID id, String hash) {}
        Optional<Earlier> earlier = jdbc.sql("select id, request_hash from payment_plan where idempotency_key = ?").param(key)
                .query((rs, i) -> new Earlier(rs.getObject(1, UUID.class), rs.getString(2))).optional();
        if (earlier.isEmpty()) return Optional.empty();
        if (!earlier.get().hash().equals(fingerprint)) {
            throw new Problem.Rejected("idempotency_key_reused", 422, List.of(new Problem("Idempotency-Key",
                    "Esta clave de idempotencia ya se usó para otro convenio (" + earlier.get().id() + ")",
                    "This idempotency key was already used for another plan (" + earlier.get().id() + ")")));
        }
        return find(earlier.get().id());
    }

    // ---------------------------------------------------------------- approvals

    /** A supervisor's decision with its electronic signature: the password again, and what the request came from. */
    public record Decision(boolean approve, String password, String documentSha256, String note, String ip, String userAgent) {}

    /**
     * Approves or rejects a plan waiting for approval. Only a supervisor or administrator who did not
     * propose it, re-authenticated with the password; the evidence (document SHA-256, time, IP, user
     * agent) is kept. A document hash that is not the plan's current one is refused.
     */
    public PlanView decide(UUID planId, Decision decision) {
        RecaudoUser user = currentUser().orElseThrow(() -> new Problem.Rejected("forbidden", 403, List.of(new Problem("approver",
                "Se requiere un usuario con sesión para aprobar", "A signed-in user is required to approve"))));
        PlanView plan = find(planId).orElseThrow(() -> notFound(planId));
        List<Problem> notAllowed = PlanApprovalRule.check(plan.createdBy(), user.username(), user.role());
        if (!notAllowed.isEmpty()) throw new Problem.Rejected("approval_not_allowed", 403, notAllowed);
        if (!identity.passwordMatches(user.username(), decision.password())) {
            audit.record(user.username(), "PLAN_APPROVAL_REAUTH_FAILED", "payment_plan", planId.toString(), Map.of("ip", String.valueOf(decision.ip())));
            throw new Problem.Rejected("reauthentication_failed", 403, List.of(new Problem("password",
                    "La contraseña no es correcta: la firma electrónica requiere volver a autenticarse",
                    "The password is not correct: the electronic signature requires re-authentication")));
        }
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            PlanRow row = lockRow(planId);
            if (row.status() != PlanStatus.PENDING_APPROVAL) {
                throw new Problem.Rejected("not_pending_approval", 409, List.of(new Problem("id",
                        "El convenio no espera aprobación (" + row.status() + ")", "The plan is not waiting for approval (" + row.status() + ")")));
            }
            if (decision.documentSha256() != null && !decision.documentSha256().isBlank()
                    && !decision.documentSha256().strip().equalsIgnoreCase(row.agreementSha256())) {
                throw new Problem.Rejected("document_changed", 409, List.of(new Problem("documentSha256",
                        "El documento aprobado no es el del convenio (SHA-256 distinto)",
                        "The document approved is not the plan's (different SHA-256)")));
            }
            PlanStatus next = decision.approve() ? PlanStatus.APPROVED : PlanStatus.REJECTED;
            jdbc.sql("""
                    insert into payment_plan_approval (plan_id, org_id, decision, approver, approver_role, document_sha256, note,
                                                       ip, user_agent, decided_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(planId, TenantContext.require(), next.name(), user.username(), user.role().name(),
                            row.agreementSha256(), blankToNull(decision.note()), decision.ip(), decision.userAgent(), Timestamp.from(now))
                    .update();
            jdbc.sql("update payment_plan set status = ?, closed_at = ? where id = ?")
                    .params(next.name(), next == PlanStatus.REJECTED ? Timestamp.from(now) : null, planId).update();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("role", user.role().name());
            d.put("documentSha256", row.agreementSha256());
            d.put("ip", String.valueOf(decision.ip()));
            d.put("userAgent", String.valueOf(decision.userAgent()));
            d.put("note", decision.note() == null ? "" : decision.note());
            audit.record(user.username(), "PLAN_" + next.name(), "payment_plan", planId.toString(), d);
        });
        return find(planId).orElseThrow();
    }

    /** Plans waiting for a supervisor, oldest first. */
    public List<PlanView> pendingApprovals() {
        return jdbc.sql("select id from payment_plan where status = 'PENDING_APPROVAL' order by created_at limit 200")
                .query(UUID.class).list().stream().map(id -> find(id).orElseThrow()).toList();
    }

    // ---------------------------------------------------------------- the customer's signature

    /**
     * Sends the customer a one-time code to sign the plan's agreement letter, by SMS or email, to
     * their own address. A new code replaces any earlier one.
     */
    public PlanView.PendingSignature requestSignature(UUID planId, Channel channel) {
        if (channel != Channel.SMS && channel != Channel.EMAIL) {
            throw new Problem.Rejected(List.of(new Problem("channel", "El código se envía por SMS o EMAIL", "The code goes by SMS or EMAIL")));
        }
        String actor = actor();
        Instant now = clock.instant();
        Organization org = identity.currentOrganization();
        return tx.execute(s -> {
            PlanRow row = lockRow(planId);
            if (!row.status().signable()) {
                throw new Problem.Rejected("not_signable", 409, List.of(new Problem("id",
                        "El convenio no se puede firmar en su estado (" + row.status() + ")",
                        "The plan cannot be signed in its status (" + row.status() + ")")));
            }
            refuseBeyondCodeLimits(planId, row.customerId(), now);
            UUID requestId = UUID.randomUUID();
            String code = OneTimeCode.generate();
            String sms = creditorShort(org) + ": su código para firmar el convenio de pago es " + code
                    + ". Vence en 10 min. No lo comparta. / Your code to sign the payment agreement: " + code;
            String email = """
                    Estimado(a) cliente:

                    Su código para firmar electrónicamente el convenio de pago con %s es:

                        %s

                    Vence en 10 minutos y sirve una sola vez. No lo comparta con nadie: nadie de %s se lo pedirá.
                    Huella SHA-256 del convenio: %s

                    Your code to sign the payment agreement is %s (valid for 10 minutes, single use).
                    """.formatted(creditor(org), code, creditor(org), row.agreementSha256(), code);
            var queued = outbox.transactional(row.customerId(), channel,
                    channel == Channel.EMAIL ? "Código para firmar su convenio de pago" : null,
                    channel == Channel.EMAIL ? email : sms)
                    .orElseThrow(() -> new Problem.Rejected("no_address", 422, List.of(new Problem("channel",
                            "El cliente no tiene un " + (channel == Channel.SMS ? "teléfono" : "correo") + " propio registrado",
                            "The customer has no " + (channel == Channel.SMS ? "phone" : "email") + " of their own on file"))));
            jdbc.sql("update payment_plan_signature_request set superseded_at = ? where plan_id = ? and used_at is null and superseded_at is null")
                    .params(Timestamp.from(now), planId).update();
            String masked = OneTimeCode.mask(queued.address());
            Instant expires = now.plus(OneTimeCode.VALIDITY);
            jdbc.sql("""
                    insert into payment_plan_signature_request (id, org_id, plan_id, customer_id, channel, masked_address, message_id,
                           code_hash, document_sha256, expires_at, requested_by, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(requestId, TenantContext.require(), planId, row.customerId(), channel.name(), masked, queued.messageId(),
                            OneTimeCode.hash(requestId, code), row.agreementSha256(), Timestamp.from(expires), actor, Timestamp.from(now))
                    .update();
            jdbc.sql("update payment_plan set status = 'AWAITING_SIGNATURE' where id = ?").param(planId).update();
            audit.record(actor, "PLAN_SIGNATURE_REQUESTED", "payment_plan", planId.toString(),
                    Map.of("channel", channel.name(), "address", masked, "message", queued.messageId()));
            return new PlanView.PendingSignature(channel.name(), masked, expires, OneTimeCode.MAX_ATTEMPTS);
        });
    }

    /**
     * At most {@code perPlanPerHour} codes for a plan in the last hour and {@code perCustomerPerDay}
     * for a customer in the last 24 hours, counted from the requests on file (so every node sees the
     * same count; the plan's row lock and a per-customer advisory lock keep concurrent requests in
     * line). Beyond either: 429 with when to try again.
     */
    private void refuseBeyondCodeLimits(UUID planId, long customerId, Instant now) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('otp:' || ?))").param(customerId).query().singleValue();
        ArrangementProperties.Signature limits = properties.signature();
        record Window(int count, Instant oldest) {}
        Window plan = jdbc.sql("""
                select count(*), min(created_at) from payment_plan_signature_request where plan_id = ? and created_at > ?""")
                .params(planId, Timestamp.from(now.minus(java.time.Duration.ofHours(1))))
                .query((rs, i) -> new Window(rs.getInt(1), instant(rs.getTimestamp(2)))).single();
        if (plan.count() >= limits.perPlanPerHour()) {
            long minutes = minutesUntil(plan.oldest().plus(java.time.Duration.ofHours(1)), now);
            throw new Problem.Rejected("too_many_code_requests", 429, List.of(new Problem("plan",
                    "Ya se enviaron " + plan.count() + " códigos para este convenio en la última hora; intente de nuevo en "
                            + minutes + " min",
                    plan.count() + " codes were already sent for this plan in the last hour; try again in " + minutes + " min")));
        }
        Window customer = jdbc.sql("""
                select count(*), min(created_at) from payment_plan_signature_request where customer_id = ? and created_at > ?""")
                .params(customerId, Timestamp.from(now.minus(java.time.Duration.ofDays(1))))
                .query((rs, i) -> new Window(rs.getInt(1), instant(rs.getTimestamp(2)))).single();
        if (customer.count() >= limits.perCustomerPerDay()) {
            long minutes = minutesUntil(customer.oldest().plus(java.time.Duration.ofDays(1)), now);
            throw new Problem.Rejected("too_many_code_requests", 429, List.of(new Problem("customer",
                    "El cliente ya recibió " + customer.count() + " códigos en las últimas 24 horas; intente de nuevo en "
                            + minutes + " min",
                    "The customer already got " + customer.count() + " codes in the last 24 hours; try again in " + minutes + " min")));
        }
    }

    private static long minutesUntil(Instant when, Instant now) {
        return Math.max(1, (java.time.Duration.between(now, when).getSeconds() + 59) / 60);
    }

    /** Where a signature came from. */
    public record SignatureContext(String ip, String userAgent) {}

    /**
     * The customer's signature with the code they received: on success the agreement letter is sealed
     * with the organization's seal, the evidence kept and the plan is ACTIVE. A wrong code costs one
     * of the five attempts; an expired, used-up or used code is refused.
     */
    public PlanView sign(UUID planId, String code, SignatureContext context) {
        Instant now = clock.instant();
        record Result(OneTimeCode.Outcome outcome, PlanActivated event) {}
        Result result = tx.execute(s -> {
            PlanRow row = lockRow(planId);
            if (row.status() == PlanStatus.ACTIVE || row.status() == PlanStatus.COMPLETED) {
                throw new Problem.Rejected("already_signed", 409, List.of(new Problem("id", "El convenio ya está firmado",
                        "The plan is already signed")));
            }
            if (row.status() != PlanStatus.AWAITING_SIGNATURE) {
                throw new Problem.Rejected("not_signable", 409, List.of(new Problem("id",
                        "El convenio no espera firma (" + row.status() + ")", "The plan is not awaiting a signature (" + row.status() + ")")));
            }
            record Req(UUID id, String channel, String masked, String hash, String doc, Instant expires, int attempts) {}
            Req req = jdbc.sql("""
                    select id, channel, masked_address, code_hash, document_sha256, expires_at, attempts
                      from payment_plan_signature_request where plan_id = ? and used_at is null and superseded_at is null
                     order by created_at desc limit 1 for update""").param(planId)
                    .query((rs, i) -> new Req(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getInt(7))).optional()
                    .orElseThrow(() -> new Problem.Rejected("no_code_requested", 409, List.of(new Problem("code",
                            "No hay un código vigente: solicite uno", "There is no code in force: request one"))));
            OneTimeCode.Outcome outcome = OneTimeCode.check(new OneTimeCode.Issued(req.id(), req.hash(), req.expires(), req.attempts(), null),
                    code, now);
            if (outcome instanceof OneTimeCode.Outcome.Wrong w) {
                jdbc.sql("update payment_plan_signature_request set attempts = attempts + 1 where id = ?").param(req.id()).update();
                audit.record("customer", w.attemptsLeft() == 0 ? "PLAN_SIGNATURE_CODE_LOCKED" : "PLAN_SIGNATURE_FAILED",
                        "payment_plan", planId.toString(), Map.of("ip", String.valueOf(context.ip()), "attempt", req.attempts() + 1));
                return new Result(w.attemptsLeft() == 0 ? new OneTimeCode.Outcome.TooManyAttempts() : outcome, null);
            }
            if (!(outcome instanceof OneTimeCode.Outcome.Accepted)) return new Result(outcome, null);
            if (!req.doc().equals(row.agreementSha256())) throw new IllegalStateException("The agreement changed after the code was sent");
            jdbc.sql("update payment_plan_signature_request set used_at = ? where id = ?").params(Timestamp.from(now), req.id()).update();
            jdbc.sql("""
                    insert into payment_plan_signature (plan_id, org_id, request_id, channel, masked_address, document_sha256, ip,
                                                        user_agent, signed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(planId, TenantContext.require(), req.id(), req.channel(), req.masked(), req.doc(), context.ip(),
                            context.userAgent(), Timestamp.from(now)).update();
            byte[] pdf = jdbc.sql("select agreement_pdf from payment_plan where id = ?").param(planId).query(byte[].class).single();
            // The seal is an incremental update: the signed document's bytes stay a prefix of the sealed file.
            byte[] sealed = seals.current().seal(pdf, "Convenio firmado por el cliente con código de un solo uso ("
                    + req.channel() + " " + req.masked() + "); SHA-256 " + req.doc(), now);
            jdbc.sql("update payment_plan set status = 'ACTIVE', activated_at = ?, sealed_pdf = ? where id = ?")
                    .params(Timestamp.from(now), sealed, planId).update();
            for (long obligationId : planObligationIds(planId)) obligations.changeStatus(obligationId, "IN_ARRANGEMENT");
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("channel", req.channel());
            d.put("address", req.masked());
            d.put("documentSha256", req.doc());
            d.put("sealedSha256", sha256(sealed));
            d.put("ip", String.valueOf(context.ip()));
            d.put("userAgent", String.valueOf(context.userAgent()));
            audit.record("customer", "PLAN_SIGNED", "payment_plan", planId.toString(), d);
            return new Result(outcome, new PlanActivated(TenantContext.require(), planId, row.customerId(), row.currency(), row.toPay()));
        });
        switch (result.outcome()) {
            case OneTimeCode.Outcome.Accepted a -> {
                events.publishEvent(result.event());
                evaluate(planId, now);
                offerDownPaymentLink(planId);
                return find(planId).orElseThrow();
            }
            case OneTimeCode.Outcome.Wrong w -> throw new Problem.Rejected("wrong_code", 422, List.of(new Problem("code",
                    "El código no es correcto; quedan " + w.attemptsLeft() + " intento(s)",
                    "The code is not correct; " + w.attemptsLeft() + " attempt(s) left")));
            case OneTimeCode.Outcome.Expired e -> throw new Problem.Rejected("code_expired", 422, List.of(new Problem("code",
                    "El código venció: solicite otro", "The code expired: request another one")));
            case OneTimeCode.Outcome.TooManyAttempts t -> throw new Problem.Rejected("too_many_attempts", 422, List.of(new Problem("code",
                    "Se agotaron los intentos: el código quedó bloqueado; solicite otro",
                    "No attempts left: the code is locked; request another one")));
            case OneTimeCode.Outcome.AlreadyUsed u -> throw new Problem.Rejected("code_used", 422, List.of(new Problem("code",
                    "El código ya se usó", "The code was already used")));
        }
    }

    /**
     * Sign and pay in one step: once signed, a payment link for the down payment still owed, when a
     * link provider is set up. When there is none or it does not answer, the plan's {@link PlanView.PayNow}
     * still gives the deposit reference and CLABE. A plan gets one such link (it is signed once).
     */
    private void offerDownPaymentLink(UUID planId) {
        PlanView plan = find(planId).orElseThrow();
        if (plan.payNow() == null || plan.payNow().linkUrl() != null || !links.available(null)) return;
        try {
            PaymentLinks.PaymentLink link = links.create(plan.customerExternalId(), plan.payNow().amount(), plan.currency(), null);
            tx.executeWithoutResult(s -> {
                int set = jdbc.sql("update payment_plan set down_payment_link_id = ? where id = ? and down_payment_link_id is null")
                        .params(link.id(), planId).update();
                if (set == 1) {
                    audit.record(actor(), "PLAN_DOWN_PAYMENT_LINK", "payment_plan", planId.toString(), Map.of("link", link.id().toString(),
                            "amount", link.amount().toPlainString(), "currency", link.currency(), "provider", link.provider()));
                }
            });
        } catch (Problem.Rejected e) {
            log.warn("No payment link for the down payment of plan {}: {}; the deposit reference is offered instead", planId, e.code());
        }
    }

    /** Cancels a plan that is not signed yet. */
    public PlanView cancel(UUID planId, String reason) {
        String actor = actor();
        tx.executeWithoutResult(s -> {
            PlanRow row = lockRow(planId);
            if (!row.status().cancellable()) {
                throw new Problem.Rejected("not_cancellable", 409, List.of(new Problem("id",
                        "Un convenio " + row.status() + " ya no se cancela", "A " + row.status() + " plan can no longer be cancelled")));
            }
            Instant now = clock.instant();
            jdbc.sql("update payment_plan set status = 'CANCELLED', closed_at = ? where id = ?").params(Timestamp.from(now), planId).update();
            jdbc.sql("update payment_plan_signature_request set superseded_at = ? where plan_id = ? and used_at is null and superseded_at is null")
                    .params(Timestamp.from(now), planId).update();
            audit.record(actor, "PLAN_CANCELLED", "payment_plan", planId.toString(), Map.of("reason", reason == null ? "" : reason));
        });
        return find(planId).orElseThrow();
    }

    // ---------------------------------------------------------------- installments

    /** A payment arrived: the customer's plans in its currency take it into account now. */
    @EventListener
    public void on(PaymentPosted payment) {
        reevaluate(payment.orgId(), payment.customerId(), payment.currency(), payment.paymentId());
    }

    /** A reversed payment no longer counts toward the installments. */
    @EventListener
    public void on(PaymentReversed reversal) {
        reevaluate(reversal.orgId(), reversal.customerId(), reversal.currency(), reversal.paymentId());
    }

    private void reevaluate(UUID org, long customerId, String currency, UUID paymentId) {
        try {
            TenantContext.run(org, () -> {
                List<UUID> plans = jdbc.sql("""
                        select id from payment_plan where customer_id = ? and currency = ?
                           and status in ('PROPOSED','APPROVED','AWAITING_SIGNATURE','ACTIVE','PENDING_APPROVAL')""")
                        .params(customerId, currency).query(UUID.class).list();
                for (UUID id : plans) evaluate(id, clock.instant());
            });
        } catch (RuntimeException e) {
            // The payment is committed; the scheduled check recomputes the plan from the payments anyway.
            log.warn("Could not apply payment {} to the plans of customer {}", paymentId, customerId, e);
        }
    }

    @Scheduled(fixedDelayString = "${recaudo.arrangements.evaluate-millis:30000}", initialDelay = 15_000)
    void evaluateDueOnSchedule() {
        try {
            evaluateDue(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Payment plan check failed; it runs again shortly", e);
        }
    }

    /**
     * The daily check, for every organization: each ACTIVE plan with an installment unpaid past its
     * date and the grace (in the organization's time zone) is recomputed and broken if still unpaid.
     * Safe on many nodes at once: a node claims a batch with {@code FOR UPDATE SKIP LOCKED}; a claim
     * holds for two minutes, so a plan is looked at once per claim. Returns how many plans broke.
     */
    public int evaluateDue(Instant now) {
        int broken = 0;
        while (true) {
            record Claim(UUID id, UUID org) {}
            List<Claim> claims = system.sql("""
                    update payment_plan p set claimed_by = ?, claimed_at = now()
                     where p.id in (select q.id from payment_plan q join organization o on o.id = q.org_id
                                     where q.status = 'ACTIVE'
                                       and exists (select 1 from payment_plan_installment i
                                                    where i.plan_id = q.id and i.paid < i.amount
                                                      and i.due_date + q.grace_days < (?::timestamptz at time zone o.time_zone)::date)
                                       and (q.claimed_at is null or q.claimed_at < now() - interval '2 minutes')
                                     order by q.created_at limit 100
                                     for update of q skip locked)
                    returning p.id, p.org_id""")
                    .params(node, Timestamp.from(now))
                    .query((rs, i) -> new Claim(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
            if (claims.isEmpty()) return broken;
            for (Claim c : claims) {
                if (TenantContext.call(c.org(), () -> evaluate(c.id(), now)) == PlanStatus.BROKEN) broken++;
            }
        }
    }

    /**
     * Recomputes one plan from the payments received since it was proposed: installments paid in
     * order; an ACTIVE plan completes when all are paid (or its obligations reached zero) and breaks
     * when one is unpaid past its date and the grace. Returns its status afterwards.
     */
    public PlanStatus evaluate(UUID planId, Instant now) {
        ZoneId zone = ZoneId.of(identity.currentOrganization().timeZone());
        LocalDate today = LocalDate.ofInstant(now, zone);
        PlanEvent[] event = new PlanEvent[1];
        PlanStatus status = tx.execute(s -> {
            PlanRow row = lockRow(planId);
            if (row.status().finished()) return row.status();
            // What payments since the proposal applied to the plan's own obligations counts (not credit left unapplied,
            // nor a payment to another debt), also a payment a provider stamped a little ahead of our clock.
            BigDecimal received = payments.appliedToBetween(planObligationIds(planId), row.createdAt(),
                    now.plus(java.time.Duration.ofDays(1)));
            PlanSchedule schedule = schedule(planId).applying(received);
            for (PlanSchedule.Line l : schedule.lines()) {
                jdbc.sql("""
                        update payment_plan_installment set paid = ?,
                               paid_at = case when ? >= amount then coalesce(paid_at, ?) else null end
                         where plan_id = ? and number = ?""")
                        .params(l.paid(), l.paid(), Timestamp.from(now), planId, l.number()).update();
            }
            jdbc.sql("update payment_plan set paid = ? where id = ?").params(schedule.paid(), planId).update();
            if (row.status() != PlanStatus.ACTIVE) return row.status();
            UUID org = TenantContext.require();
            if (schedule.settled() || planBalance(planId).signum() == 0) {
                complete(row, schedule, now, today);
                event[0] = new PlanCompleted(org, planId, row.customerId());
                return PlanStatus.COMPLETED;
            }
            Optional<PlanSchedule.Line> missed = schedule.missed(today, row.graceDays());
            if (missed.isPresent()) {
                jdbc.sql("update payment_plan set status = 'BROKEN', closed_at = ? where id = ?").params(Timestamp.from(now), planId).update();
                for (long obligationId : planObligationIds(planId)) obligations.changeStatus(obligationId, "ACTIVE");
                PlanSchedule.Line l = missed.get();
                audit.record("system", "PLAN_BROKEN", "payment_plan", planId.toString(), Map.of("installment", l.number(),
                        "dueDate", l.dueDate().toString(), "amount", l.amount().toPlainString(), "paid", l.paid().toPlainString(),
                        "graceDays", row.graceDays()));
                event[0] = new PlanBroken(org, planId, row.customerId(), l.number());
                return PlanStatus.BROKEN;
            }
            return PlanStatus.ACTIVE;
        });
        if (event[0] != null) events.publishEvent(event[0]);
        return status;
    }

    /** Paid in full: the discount is forgiven on the plan's obligations and, at zero, the sealed settlement letter issued. */
    private void complete(PlanRow row, PlanSchedule schedule, Instant now, LocalDate today) {
        UUID planId = row.id();
        List<Long> ids = planObligationIds(planId);
        BigDecimal forgive = row.discount();
        BigDecimal forgiven = BigDecimal.ZERO;
        for (OpenObligation o : obligations.lockOpen(row.customerId(), row.currency())) {
            if (!ids.contains(o.id()) || forgive.signum() <= 0) continue;
            BigDecimal take = o.balance().min(forgive);
            obligations.reduceBalance(o.id(), take);
            forgive = forgive.subtract(take);
            forgiven = forgiven.add(take);
        }
        for (long obligationId : ids) obligations.changeStatus(obligationId, "ACTIVE");
        jdbc.sql("update payment_plan set status = 'COMPLETED', closed_at = ? where id = ?").params(Timestamp.from(now), planId).update();
        audit.record("system", "PLAN_COMPLETED", "payment_plan", planId.toString(), Map.of("paid", schedule.paid().toPlainString(),
                "discountForgiven", forgiven.toPlainString(), "currency", row.currency()));
        if (planBalance(planId).signum() == 0) issueSettlementLetter(row, schedule.paid(), forgiven, now, today);
    }

    private void issueSettlementLetter(PlanRow row, BigDecimal paid, BigDecimal forgiven, Instant now, LocalDate today) {
        Organization org = identity.currentOrganization();
        CustomerView customer = portfolio.customer(row.customerId()).orElseThrow();
        List<AgreementLetter.Settled> settled = jdbc.sql("""
                select po.external_id, o.product, o.original_amount from payment_plan_obligation po
                  join obligation o on o.id = po.obligation_id where po.plan_id = ? order by po.external_id""").param(row.id())
                .query((rs, i) -> new AgreementLetter.Settled(rs.getString(1), rs.getString(2), rs.getBigDecimal(3))).list();
        LocalDate signedOn = jdbc.sql("select activated_at from payment_plan where id = ?").param(row.id()).query(Timestamp.class)
                .optional().map(t -> LocalDate.ofInstant(t.toInstant(), ZoneId.of(org.timeZone()))).orElse(today);
        String folio = "CF-" + row.id().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        byte[] pdf = AgreementLetter.settlement(new AgreementLetter.SettlementLetter(creditor(org), org.taxId(), customer.name(),
                customer.externalId(), customer.taxId(), row.currency(), settled, row.balance(), paid, forgiven,
                row.id().toString(), signedOn, today, folio));
        byte[] sealed = seals.current().seal(pdf, "Carta finiquito " + folio, now);
        jdbc.sql("update payment_plan set settlement_pdf = ?, settlement_at = ? where id = ?")
                .params(sealed, Timestamp.from(now), row.id()).update();
        audit.record("system", "SETTLEMENT_LETTER_ISSUED", "payment_plan", row.id().toString(),
                Map.of("folio", folio, "sha256", sha256(sealed)));
    }

    private BigDecimal planBalance(UUID planId) {
        return jdbc.sql("""
                select coalesce(sum(o.balance), 0) from payment_plan_obligation po join obligation o on o.id = po.obligation_id
                 where po.plan_id = ?""").param(planId).query(BigDecimal.class).single();
    }

    // ---------------------------------------------------------------- reading

    public Optional<PlanView> find(UUID id) {
        return jdbc.sql("""
                select p.*, c.external_id as customer_external_id, c.name as customer_name,
                       p.sealed_pdf is not null as sealed, p.settlement_pdf is not null as has_settlement
                  from payment_plan p join customer c on c.id = p.customer_id where p.id = ?""").param(id)
                .query((rs, i) -> map(rs)).optional();
    }

    public List<PlanView> ofCustomer(long customerId) {
        return jdbc.sql("select id from payment_plan where customer_id = ? order by created_at desc limit 50").param(customerId)
                .query(UUID.class).list().stream().map(id -> find(id).orElseThrow()).toList();
    }

    /** The agreement letter: sealed once the customer signed, the unsigned draft before. */
    public Optional<byte[]> agreementLetter(UUID planId) {
        return jdbc.sql("select coalesce(sealed_pdf, agreement_pdf) from payment_plan where id = ?").param(planId)
                .query(byte[].class).optional();
    }

    /** The sealed settlement letter, once the plan's obligations reached zero. */
    public Optional<byte[]> settlementLetter(UUID planId) {
        return jdbc.sql("select settlement_pdf from payment_plan where id = ? and settlement_pdf is not null").param(planId)
                .query(byte[].class).optional();
    }

    private PlanView map(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<PlanView.Installment> installments = jdbc.sql("""
                select number, due_date, amount, paid from payment_plan_installment where plan_id = ? order by number""").param(id)
                .query((r, i) -> new PlanView.Installment(r.getInt(1), r.getObject(2, LocalDate.class), r.getBigDecimal(3),
                        r.getBigDecimal(4))).list();
        List<String> obligationIds = jdbc.sql("select external_id from payment_plan_obligation where plan_id = ? order by external_id")
                .param(id).query(String.class).list();
        PlanView.Approval approval = jdbc.sql("select * from payment_plan_approval where plan_id = ?").param(id)
                .query((r, i) -> new PlanView.Approval(r.getString("decision"), r.getString("approver"), r.getString("approver_role"),
                        r.getString("document_sha256"), r.getString("note"), r.getString("ip"), r.getString("user_agent"),
                        r.getTimestamp("decided_at").toInstant())).optional().orElse(null);
        PlanView.Signature signature = jdbc.sql("select * from payment_plan_signature where plan_id = ?").param(id)
                .query((r, i) -> new PlanView.Signature(r.getString("channel"), r.getString("masked_address"),
                        r.getString("document_sha256"), r.getString("ip"), r.getString("user_agent"),
                        r.getTimestamp("signed_at").toInstant())).optional().orElse(null);
        PlanView.PendingSignature pending = jdbc.sql("""
                select channel, masked_address, expires_at, attempts from payment_plan_signature_request
                 where plan_id = ? and used_at is null and superseded_at is null order by created_at desc limit 1""").param(id)
                .query((r, i) -> new PlanView.PendingSignature(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(),
                        Math.max(0, OneTimeCode.MAX_ATTEMPTS - r.getInt(4)))).optional().orElse(null);
        return new PlanView(id, rs.getLong("customer_id"), rs.getString("customer_external_id"), rs.getString("customer_name"),
                PlanStatus.valueOf(rs.getString("status")), rs.getBoolean("within_policy"), problems(rs.getString("violations")),
                rs.getString("segment"), rs.getInt("days_past_due"), rs.getString("currency"), rs.getBigDecimal("balance"),
                rs.getBigDecimal("principal"), rs.getBigDecimal("interest"), rs.getBigDecimal("fees"), rs.getBigDecimal("discount"),
                rs.getString("discount_on"), rs.getBigDecimal("down_payment"), rs.getBigDecimal("to_pay"), rs.getBigDecimal("paid"),
                rs.getInt("grace_days"), obligationIds, installments, rs.getString("agreement_sha256"), rs.getBoolean("sealed"),
                rs.getBoolean("has_settlement"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("activated_at")), instant(rs.getTimestamp("closed_at")), approval, signature,
                pending == null || pending.expiresAt().isBefore(clock.instant()) ? null : pending,
                payNow(rs, installments));
    }

    /** The down payment still owed on an ACTIVE plan and how to pay it; null when nothing is owed now. */
    private PlanView.PayNow payNow(ResultSet rs, List<PlanView.Installment> installments) throws SQLException {
        if (!PlanStatus.ACTIVE.name().equals(rs.getString("status"))) return null;
        Optional<PlanView.Installment> down = installments.stream().filter(i -> i.number() == 0).findFirst();
        if (down.isEmpty()) return null;
        BigDecimal owed = down.get().amount().subtract(down.get().paid());
        if (owed.signum() <= 0) return null;
        long customerId = rs.getLong("customer_id");
        UUID linkId = rs.getObject("down_payment_link_id", UUID.class);
        String url = linkId == null ? null : links.find(linkId)
                .filter(l -> "OPEN".equals(l.status()) && l.amount().compareTo(owed) == 0).map(PaymentLinks.PaymentLink::url).orElse(null);
        return new PlanView.PayNow(owed, rs.getString("currency"), down.get().dueDate(), url, references.referenceFor(customerId),
                references.clabeFor(customerId).map(c -> c.value()).orElse(null));
    }

    private record PlanRow(UUID id, long customerId, String currency, PlanStatus status, BigDecimal balance,
                           BigDecimal discount, BigDecimal toPay, int graceDays, Instant createdAt, String agreementSha256) {}

    private PlanRow lockRow(UUID planId) {
        return jdbc.sql("""
                select id, customer_id, currency, status, balance, discount, to_pay, grace_days, created_at, agreement_sha256
                  from payment_plan where id = ? for update""").param(planId)
                .query((rs, i) -> new PlanRow(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
                        PlanStatus.valueOf(rs.getString(4)), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                        rs.getInt(8), rs.getTimestamp(9).toInstant(), rs.getString(10)))
                .optional().orElseThrow(() -> notFound(planId));
    }

    private PlanSchedule schedule(UUID planId) {
        return new PlanSchedule(jdbc.sql("select number, due_date, amount from payment_plan_installment where plan_id = ? order by number")
                .param(planId).query((rs, i) -> new PlanSchedule.Line(rs.getInt(1), rs.getObject(2, LocalDate.class),
                        rs.getBigDecimal(3), null)).list());
    }

    private List<Long> planObligationIds(UUID planId) {
        return jdbc.sql("select obligation_id from payment_plan_obligation where plan_id = ?").param(planId).query(Long.class).list();
    }

    private static Problem.Rejected notFound(UUID planId) {
        return new Problem.Rejected("not_found", 404, List.of(new Problem("id", "No existe el convenio " + planId,
                "No such plan: " + planId)));
    }

    private List<Problem> problems(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, new TypeReference<List<Problem>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String creditor(Organization org) {
        return org.legalName() != null && !org.legalName().isBlank() ? org.legalName() : org.name();
    }

    private static String creditorShort(Organization org) {
        return org.name();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static Optional<RecaudoUser> currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof RecaudoUser u ? Optional.of(u) : Optional.empty();
    }

    static String actor() {
        return Promises.actor();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
