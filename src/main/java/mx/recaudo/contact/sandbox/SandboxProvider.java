package mx.recaudo.contact.sandbox;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.outbox.ChannelProvider;
import mx.recaudo.contact.outbox.OutboundMessage;
import mx.recaudo.contact.outbox.SendResult;
import mx.recaudo.platform.SystemDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The demo's provider: every channel, nothing leaves the building. It "receives" a message by
 * writing its idempotency key to contact_sandbox_capture (primary key: it can never receive one
 * twice) and reports it delivered; the outbox screen shows what the customer would have seen.
 * Reconciliation after a crash is exact: the capture table says whether the key arrived.
 */
@Component
class SandboxProvider implements ChannelProvider {
    private final JdbcClient system;
    private final JdbcTemplate batch;

    SandboxProvider(@SystemDatabase JdbcClient system, @SystemDatabase DataSource systemDataSource) {
        this.system = system;
        this.batch = new JdbcTemplate(systemDataSource);
    }

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.allOf(Channel.class);
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> messages) {
        List<Object[]> rows = messages.stream().map(m -> new Object[]{m.idempotencyKey(), m.orgId(), m.id()}).toList();
        batch.batchUpdate("""
                insert into contact_sandbox_capture (idempotency_key, org_id, message_id) values (?, ?, ?)
                on conflict (idempotency_key) do nothing""", rows);
        List<SendResult> results = new ArrayList<>();
        for (OutboundMessage m : messages) results.add(new SendResult.Accepted("sbx-" + m.id(), true));
        return results;
    }

    @Override
    public Reconciliation reconcile(OutboundMessage message) {
        boolean received = system.sql("select exists (select 1 from contact_sandbox_capture where idempotency_key = ?)")
                .param(message.idempotencyKey()).query(Boolean.class).single();
        return received ? Reconciliation.received("sbx-" + message.id()) : Reconciliation.notReceived();
    }
}
