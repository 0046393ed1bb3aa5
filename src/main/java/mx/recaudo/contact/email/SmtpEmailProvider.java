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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Email over SMTP (auth and STARTTLS configurable). One connection per batch. The Message-ID is
 * derived from the idempotency key, so a receiving system can deduplicate. A permanent refusal
 * (5xx, invalid address) is FAILED; a temporary one (4xx, connection) is retried. SMTP cannot be
 * asked afterwards whether a message arrived: reconciliation after a crash answers UNKNOWN.
 */
@Component
@ConditionalOnProperty(name = "recaudo.contact.smtp.host")
class SmtpEmailProvider implements ChannelProvider {
    private final ContactProperties.Smtp smtp;
    private final Session session;

    SmtpEmailProvider(ContactProperties properties) {
        this.smtp = properties.smtp();
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

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        List<SendResult> results = new ArrayList<>();
        try (Transport transport = session.getTransport("smtp")) {
            if (smtp.auth() && smtp.username() != null) transport.connect(smtp.username(), smtp.password());
            else transport.connect();
            for (OutboundMessage m : batch) results.add(sendOne(transport, m));
        } catch (MessagingException e) {
            while (results.size() < batch.size()) results.add(new SendResult.Retry("SMTP: " + e.getMessage()));
        }
        return results;
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
