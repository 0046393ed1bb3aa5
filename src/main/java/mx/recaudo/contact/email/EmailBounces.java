package mx.recaudo.contact.email;

import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import mx.recaudo.contact.ContactProperties;
import mx.recaudo.contact.outbox.DeliveryReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounces: delivery status notifications (RFC 3464, multipart/report) arriving in the bounce
 * mailbox. The original message's Message-ID (our idempotency key) names the message, which becomes
 * FAILED when the report's action is "failed" (delayed reports are ignored). Read reports are deleted.
 */
@Component
@ConditionalOnProperty(name = "recaudo.contact.smtp.bounce-host")
public class EmailBounces {
    private static final Logger log = LoggerFactory.getLogger(EmailBounces.class);
    private static final Pattern ACTION = Pattern.compile("(?im)^Action:\\s*(\\w+)");
    private static final Pattern STATUS = Pattern.compile("(?im)^Status:\\s*([0-9.]+)");
    private final ContactProperties.Smtp smtp;
    private final DeliveryReports reports;

    EmailBounces(ContactProperties properties, DeliveryReports reports) {
        this.smtp = properties.smtp();
        this.reports = reports;
    }

    @Scheduled(fixedDelayString = "${recaudo.contact.smtp.bounce-poll-millis:60000}", initialDelay = 10000)
    void poll() {
        try {
            pollOnce();
        } catch (MessagingException | IOException e) {
            log.warn("Could not read the bounce mailbox: {}", e.getMessage());
        }
    }

    /** Reads the bounce mailbox once; answers how many messages were marked FAILED. */
    public int pollOnce() throws MessagingException, IOException {
        Properties p = new Properties();
        Session session = Session.getInstance(p);
        int failed = 0;
        try (Store store = session.getStore(smtp.bounceProtocol())) {
            store.connect(smtp.bounceHost(), smtp.bouncePort(), smtp.bounceUser(), smtp.bouncePassword());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.getMessages()) {
                if (apply((MimeMessage) m)) failed++;
                m.setFlag(Flags.Flag.DELETED, true);
            }
            inbox.close(true);
        }
        return failed;
    }

    /** Applies one DSN; true when it failed one of our messages. */
    public boolean apply(MimeMessage dsn) throws MessagingException, IOException {
        if (!(dsn.getContent() instanceof Multipart report)) return false;
        String status = null;
        String action = null;
        String originalId = null;
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                String text = text(part);
                Matcher a = ACTION.matcher(text);
                if (a.find()) action = a.group(1).toLowerCase(java.util.Locale.ROOT);
                Matcher s = STATUS.matcher(text);
                if (s.find()) status = s.group(1);
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                originalId = originalMessageId(part).orElse(null);
            }
        }
        if (originalId == null || !"failed".equals(action)) return false;
        return reports.report("smtp", originalId.strip(), "FAILED", "bounce " + (status == null ? "" : status));
    }

    private static Optional<String> originalMessageId(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof MimeMessage original) return Optional.ofNullable(original.getMessageID());
        try (InputStream in = part.getInputStream()) {
            String[] ids = new InternetHeaders(in).getHeader("Message-ID");
            return ids == null || ids.length == 0 ? Optional.empty() : Optional.of(ids[0]);
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        Object c = part.getContent();
        if (c instanceof String s) return s;
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
