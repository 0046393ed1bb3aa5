package mx.recaudo.payment;

import mx.recaudo.payment.AllocationRule.Allocation;
import mx.recaudo.payment.AllocationRule.Debt;
import mx.recaudo.payment.AllocationRule.Share;
import mx.recaudo.payment.AllocationRule.Slot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Allocates a sequence of payments of one account (a customer in one currency) in a single pass:
 * the rule's slots laid end to end, the payments laid end to end, and each payment receives the part
 * of each slot its interval overlaps. That is what allocating the payments one at a time gives, each
 * over what the earlier ones left, because a rule's slot order does not change as balances go down.
 * Pure Java: no database, no clock.
 */
final class BatchAllocator {
    private BatchAllocator() {}

    static List<Allocation> allocate(AllocationRule rule, List<Debt> debts, List<BigDecimal> payments) {
        List<Slot> slots = rule.slots(debts);
        List<Allocation> result = new ArrayList<>(payments.size());
        int slot = 0;
        BigDecimal slotLeft = slots.isEmpty() ? BigDecimal.ZERO : slots.getFirst().size();
        for (BigDecimal amount : payments) {
            if (amount == null || amount.signum() <= 0) throw new IllegalArgumentException("Amount must be positive");
            BigDecimal left = amount;
            Map<Long, BigDecimal[]> taken = new LinkedHashMap<>();
            while (left.signum() > 0 && slot < slots.size()) {
                if (slotLeft.signum() <= 0) {
                    if (++slot < slots.size()) slotLeft = slots.get(slot).size();
                    continue;
                }
                BigDecimal paid = left.min(slotLeft);
                left = left.subtract(paid);
                slotLeft = slotLeft.subtract(paid);
                Slot s = slots.get(slot);
                BigDecimal[] parts = taken.computeIfAbsent(s.debt().obligationId(),
                        k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                parts[s.component().ordinal()] = parts[s.component().ordinal()].add(paid);
            }
            List<Share> shares = new ArrayList<>(taken.size());
            taken.forEach((id, v) -> shares.add(new Share(id, v[0], v[1], v[2])));
            result.add(new Allocation(List.copyOf(shares), left));
        }
        return result;
    }
}
