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

    private final long delayMillis;

    SandboxProvider(@SystemDatabase JdbcClient system, @SystemDatabase DataSource systemDataSource,
                    @org.springframework.beans.factory.annotation.Value("${recaudo.contact.sandbox-delay-millis:0}") long delayMillis) {
        this.system = system;
        this.batch = new JdbcTemplate(systemDataSource);
        this.delayMillis = delayMillis;
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
        List<SendResult> results = new ArrayList<>();
        if (delayMillis > 0) {
            // a slow provider (crash tests): one message at a time, each committed when "received"
            for (OutboundMessage m : messages) {
                receive(List.<Object[]>of(new Object[]{m.idempotencyKey(), m.orgId(), m.id()}));
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                results.add(new SendResult.Accepted("sbx-" + m.id(), true));
            }
            return results;
        }
        receive(messages.stream().map(m -> new Object[]{m.idempotencyKey(), m.orgId(), m.id()}).toList());
        for (OutboundMessage m : messages) results.add(new SendResult.Accepted("sbx-" + m.id(), true));
        return results;
    }

    private void receive(List<Object[]> rows) {
        batch.batchUpdate("""
                insert into contact_sandbox_capture (idempotency_key, org_id, message_id) values (?, ?, ?)
                on conflict (idempotency_key) do update set duplicates = contact_sandbox_capture.duplicates + 1""", rows);
    }

    @Override
    public Reconciliation reconcile(OutboundMessage message) {
        boolean received = system.sql("select exists (select 1 from contact_sandbox_capture where idempotency_key = ?)")
                .param(message.idempotencyKey()).query(Boolean.class).single();
        return received ? Reconciliation.received("sbx-" + message.id()) : Reconciliation.notReceived();
    }
}
