package mx.recaudo.payment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a payment is spread over a customer's open obligations. Both rules pay the oldest due date
 * first; they differ in what comes first inside the account:
 * <ul>
 *   <li>{@link OldestDueFirst} settles one obligation (its fees, then interest, then principal) before
 *       touching the next;</li>
 *   <li>{@link FeesInterestPrincipal} first pays every obligation's fees (oldest first), then every
 *       interest, then principal.</li>
 * </ul>
 * Whatever is left after every debt is paid is unapplied credit. Pure Java: no database, no clock.
 */
public sealed interface AllocationRule {
    String name();

    Allocation allocate(BigDecimal amount, List<Debt> debts);

    /**
     * The order in which the rule fills the debts: each slot is one component of one debt. A payment
     * fills slots in this order, and the next payment starts where it stopped ({@link BatchAllocator}).
     */
    List<Slot> slots(List<Debt> debts);

    /** One component of one debt, in the order a rule pays it. */
    record Slot(Debt debt, Component component) {
        BigDecimal size() { return debt.component(component); }
    }

    static AllocationRule named(String name) {
        return switch (name == null ? "" : name.strip().toUpperCase(Locale.ROOT)) {
            case "", "OLDEST_DUE_FIRST" -> new OldestDueFirst();
            case "FEES_INTEREST_PRINCIPAL" -> new FeesInterestPrincipal();
            default -> throw new IllegalArgumentException("Unknown allocation rule " + name);
        };
    }

    enum Component { FEES, INTEREST, PRINCIPAL }

    /** One open obligation as allocation sees it. Fees and interest never exceed the balance (clamped). */
    record Debt(long obligationId, java.time.LocalDate dueDate, BigDecimal balance, BigDecimal fees, BigDecimal interest) {
        public Debt {
            if (balance.signum() < 0) throw new IllegalArgumentException("Negative balance");
            fees = fees == null ? BigDecimal.ZERO : fees.max(BigDecimal.ZERO).min(balance);
            interest = interest == null ? BigDecimal.ZERO : interest.max(BigDecimal.ZERO).min(balance.subtract(fees));
        }

        public BigDecimal principal() { return balance.subtract(fees).subtract(interest); }

        BigDecimal component(Component c) {
            return switch (c) {
                case FEES -> fees;
                case INTEREST -> interest;
                case PRINCIPAL -> principal();
            };
        }
    }

    /** What one obligation receives, by component. */
    record Share(long obligationId, BigDecimal fees, BigDecimal interest, BigDecimal principal) {
        public BigDecimal total() { return fees.add(interest).add(principal); }
    }

    record Allocation(List<Share> shares, BigDecimal unapplied) {
        public BigDecimal applied() {
            return shares.stream().map(Share::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    record OldestDueFirst() implements AllocationRule {
        @Override
        public String name() { return "OLDEST_DUE_FIRST"; }

        @Override
        public Allocation allocate(BigDecimal amount, List<Debt> debts) {
            Ledger ledger = new Ledger(amount);
            for (Debt d : oldestFirst(debts)) {
                for (Component c : Component.values()) ledger.take(d, c);
            }
            return ledger.result();
        }

        @Override
        public List<Slot> slots(List<Debt> debts) {
            List<Slot> slots = new ArrayList<>();
            for (Debt d : oldestFirst(debts)) {
                for (Component c : Component.values()) slots.add(new Slot(d, c));
            }
            return slots;
        }
    }

    record FeesInterestPrincipal() implements AllocationRule {
        @Override
        public String name() { return "FEES_INTEREST_PRINCIPAL"; }

        @Override
        public Allocation allocate(BigDecimal amount, List<Debt> debts) {
            Ledger ledger = new Ledger(amount);
            List<Debt> ordered = oldestFirst(debts);
            for (Component c : Component.values()) {
                for (Debt d : ordered) ledger.take(d, c);
            }
            return ledger.result();
        }

        @Override
        public List<Slot> slots(List<Debt> debts) {
            List<Slot> slots = new ArrayList<>();
            List<Debt> ordered = oldestFirst(debts);
            for (Component c : Component.values()) {
                for (Debt d : ordered) slots.add(new Slot(d, c));
            }
            return slots;
        }
    }

    private static List<Debt> oldestFirst(List<Debt> debts) {
        List<Debt> ordered = new ArrayList<>(debts);
        ordered.sort(Comparator.comparing(Debt::dueDate).thenComparingLong(Debt::obligationId));
        return ordered;
    }

    /** Keeps what is left of the payment and what each obligation got. */
    final class Ledger {
        private BigDecimal left;
        private final Map<Long, BigDecimal[]> taken = new LinkedHashMap<>();

        private Ledger(BigDecimal amount) {
            if (amount == null || amount.signum() <= 0) throw new IllegalArgumentException("Amount must be positive");
            this.left = amount;
        }

        private void take(Debt d, Component c) {
            BigDecimal due = d.component(c);
            if (left.signum() == 0 || due.signum() <= 0) return;
            BigDecimal paid = left.min(due);
            left = left.subtract(paid);
            BigDecimal[] byComponent = taken.computeIfAbsent(d.obligationId(),
                    k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            byComponent[c.ordinal()] = byComponent[c.ordinal()].add(paid);
        }

        private Allocation result() {
            List<Share> shares = new ArrayList<>();
            taken.forEach((id, v) -> shares.add(new Share(id, v[0], v[1], v[2])));
            return new Allocation(List.copyOf(shares), left);
        }
    }
}
