package mx.recaudo.contact.letter;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.outbox.ChannelProvider;
import mx.recaudo.contact.outbox.OutboundMessage;
import mx.recaudo.contact.outbox.SendResult;
import mx.recaudo.shared.TenantContext;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Letters for print ({@code recaudo.contact.routes.letter=letters}): each dispatched batch becomes
 * one print-batch PDF per organization, and its letters are SENT once that PDF is stored.
 * Reconciliation is exact: a letter is in a stored batch or it is not.
 */
@Component
class LetterProvider implements ChannelProvider {
    private final Letters letters;

    LetterProvider(Letters letters) {
        this.letters = letters;
    }

    @Override
    public String name() {
        return "letters";
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.LETTER);
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        Map<UUID, List<OutboundMessage>> byOrg = new LinkedHashMap<>();
        batch.forEach(m -> byOrg.computeIfAbsent(m.orgId(), o -> new ArrayList<>()).add(m));
        Map<Long, SendResult> results = new java.util.HashMap<>();
        byOrg.forEach((org, messages) -> {
            try {
                TenantContext.run(org, () -> {
                    letters.produceBatch(messages.stream().map(OutboundMessage::id).toList());
                    for (OutboundMessage m : messages) {
                        Optional<Long> printed = letters.batchOf(m.id());
                        results.put(m.id(), printed.<SendResult>map(b -> new SendResult.Accepted("letter-batch-" + b, false))
                                .orElseGet(() -> new SendResult.Rejected("Letter: not a LETTER message of this organization")));
                    }
                });
            } catch (RuntimeException e) {
                messages.forEach(m -> results.put(m.id(), new SendResult.Retry("Letter batch: " + e.getMessage())));
            }
        });
        return batch.stream().map(m -> results.get(m.id())).toList();
    }

    @Override
    public Reconciliation reconcile(OutboundMessage message) {
        return TenantContext.call(message.orgId(), () -> letters.batchOf(message.id()))
                .map(b -> Reconciliation.received("letter-batch-" + b)).orElseGet(Reconciliation::notReceived);
    }
}
