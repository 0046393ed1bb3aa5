package mx.recaudo.contact.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeBodyPart;
import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactProperties;
import mx.recaudo.contact.outbox.ChannelProvider;
import mx.recaudo.contact.outbox.OutboundMessage;
import mx.recaudo.contact.outbox.SendResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Email over SMTP (auth and STARTTLS configurable). A small pool of long-lived connections
 * ({@code recaudo.contact.smtp.connections}) sends a batch in parallel shares. The Message-ID is
 * derived from the idempotency key, so a receiving system can deduplicate. A permanent refusal
 * (5xx, invalid address) is FAILED; a temporary one (4xx, connection) is retried. SMTP cannot be
 * asked afterwards whether a message arrived: reconciliation after a crash answers UNKNOWN.
 */
@Component
@ConditionalOnProperty(name = "recaudo.contact.smtp.host")
class SmtpEmailProvider implements ChannelProvider, DisposableBean {
    /** Fewer messages than this per connection are not worth another connection. */
    private static final int MIN_SHARE = 20;
    private final ContactProperties.Smtp smtp;
    private final Session session;
    private final int connections;
    /** Long-lived connections not in use; at most {@code connections}, each used by one thread at a time. */
    private final BlockingQueue<Transport> idle;
    private final Semaphore permits;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    SmtpEmailProvider(ContactProperties properties,
                      @Value("${recaudo.contact.smtp.connections:4}") int connections) {
        this.smtp = properties.smtp();
        this.connections = Math.max(1, connections);
        this.idle = new ArrayBlockingQueue<>(this.connections);
        this.permits = new Semaphore(this.connections);
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.auth", Boolean.toString(smtp.auth() && smtp.username() != null));
        p.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        this.session = Session.getInstance(p);
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.EMAIL);
    }

    /**
     * Splits the batch over the pooled connections (each sends its share in order on one
     * connection); one result per message, in order.
     */
    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        int shares = Math.min(connections, Math.max(1, batch.size() / MIN_SHARE));
        int size = (batch.size() + shares - 1) / shares;
        List<Future<List<SendResult>>> parts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i += size) {
            List<OutboundMessage> share = batch.subList(i, Math.min(batch.size(), i + size));
            parts.add(senders.submit(() -> sendShare(share)));
        }
        List<SendResult> results = new ArrayList<>(batch.size());
        for (Future<List<SendResult>> part : parts) {
            try {
                results.addAll(part.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("SMTP share failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending email", e);
            }
        }
        return results;
    }

    /** One share on one pooled connection; a broken connection is opened again before the next message. */
    private List<SendResult> sendShare(List<OutboundMessage> share) throws InterruptedException {
        List<SendResult> results = new ArrayList<>(share.size());
        permits.acquire();
        Transport transport = idle.poll();
        try {
            // isConnected() costs a NOOP round trip: asked once per share, not per message
            if (transport != null && !transport.isConnected()) transport = null;
            for (OutboundMessage m : share) {
                try {
                    if (transport == null) transport = connect();
                } catch (MessagingException e) {
                    while (results.size() < share.size()) results.add(new SendResult.Retry("SMTP: " + e.getMessage()));
                    return results;
                }
                SendResult r = sendOne(transport, m);
                results.add(r);
                if (r instanceof SendResult.Retry) { // a temporary failure may have left the session unusable
                    close(transport);
                    transport = null;
                }
            }
            return results;
        } finally {
            if (transport != null && !idle.offer(transport)) close(transport);
            permits.release();
        }
    }

    private Transport connect() throws MessagingException {
        Transport transport = session.getTransport("smtp");
        if (smtp.auth() && smtp.username() != null) transport.connect(smtp.username(), smtp.password());
        else transport.connect();
        return transport;
    }

    private static void close(Transport transport) {
        if (transport == null) return;
        try {
            transport.close();
        } catch (MessagingException e) {
            // already gone
        }
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
        Transport t;
        while ((t = idle.poll()) != null) close(t);
    }

    private SendResult sendOne(Transport transport, OutboundMessage m) {
        try {
            MimeMessage mail = message(m);
            transport.sendMessage(mail, mail.getAllRecipients());
            return new SendResult.Accepted(messageId(m), false);
        } catch (AddressException e) {
            return new SendResult.Rejected("invalid address: " + e.getMessage());
        } catch (SendFailedException e) {
            Address[] invalid = e.getInvalidAddresses();
            boolean permanent = (invalid != null && invalid.length > 0) || String.valueOf(e.getMessage()).startsWith("5");
            return permanent ? new SendResult.Rejected("SMTP bounce: " + e.getMessage())
                    : new SendResult.Retry("SMTP: " + e.getMessage());
        } catch (MessagingException | UnsupportedEncodingException e) {
            return new SendResult.Retry("SMTP: " + e.getMessage());
        }
    }

    MimeMessage message(OutboundMessage m) throws MessagingException, UnsupportedEncodingException {
        String id = messageId(m);
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        mail.setFrom(new InternetAddress(smtp.from(), smtp.fromName(), "UTF-8"));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(m.address(), true));
        mail.setSubject(m.subject() == null ? "" : m.subject(), "UTF-8");
        mail.setHeader("X-Recaudo-Key", m.idempotencyKey().toString());
        String body = m.body();
        if (body.stripLeading().startsWith("<")) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(body.replaceAll("<[^>]+>", " ").replaceAll("[ \\t]+", " ").strip(), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(body, "text/html; charset=UTF-8");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            mail.setContent(alternative);
        } else {
            mail.setText(body, "UTF-8");
        }
        return mail;
    }

    static String messageId(OutboundMessage m) {
        return "<" + m.idempotencyKey() + "@recaudo.mx>";
    }

    @Override
    public Reconciliation reconcile(OutboundMessage message) {
        return Reconciliation.unknown();
    }
}
