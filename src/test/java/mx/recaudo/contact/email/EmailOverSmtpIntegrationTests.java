package mx.recaudo.contact.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactIntegrationTest;
import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.contact.ContactProfiles;
import mx.recaudo.contact.ContactTemplates;
import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.contact.outbox.OutboxDispatcher;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

@ContactIntegrationTest
class EmailOverSmtpIntegrationTests {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new ServerSetup[]{
            new ServerSetup(ContactIntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"),
            new ServerSetup(ContactIntegrationTest.IMAP_PORT, "127.0.0.1", "imap")})
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired @SystemDatabase JdbcClient system;
    @Autowired ContactOutbox outbox;
    @Autowired ContactProfiles profiles;
    @Autowired ContactTemplates templates;
    @Autowired OutboxDispatcher dispatcher;
    @Autowired EmailBounces bounces;
    TestOrg org;
    long customer;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "mail");
        customer = as(() -> {
            profiles.save(new JurisdictionProfile(JurisdictionProfile.MX_CONDUSEF, LocalTime.MIN, LocalTime.MAX,
                    EnumSet.allOf(DayOfWeek.class), false, List.of(), 0, Set.of(), true));
            long id = jdbc.sql("insert into customer (org_id, external_id, name, customer_type, time_zone) values (?, 'E-1', 'Lucía Gómez Ruiz', 'PERSON', 'America/Cancun') returning id")
                    .param(org.id()).query(Long.class).single();
            jdbc.sql("insert into contact_point (org_id, customer_id, channel, value) values (?, ?, 'EMAIL', 'lucia@example.mx')")
                    .params(org.id(), id).update();
            return id;
        });
    }

    <T> T as(Callable<T> work) {
        return TenantContext.call(org.id(), work);
    }

    String status(long id) {
        return system.sql("select status from contact_message where id = ?").param(id).query(String.class).single();
    }

    @Test
    void aTemplatedHtmlEmailReachesTheMailServerWithItsKeyAsMessageIdAndABounceFailsIt() throws Exception {
        long template = as(() -> templates.save(new ContactTemplates.Draft("recordatorio", Channel.EMAIL, "es", "FRIENDLY",
                false, "{{firstName}}, te ayudamos con tu pago", "<p>Hola {{firstName}}:</p><p>Tu referencia es {{reference}}.</p>"
                + "<p>Si no deseas recibir estos correos, responde BAJA.</p>")));
        // emails other test classes left queued (the database is shared) go out first, so that only ours is counted
        while (dispatcher.dispatchOnce("smtp") > 0) { }
        mail.purgeEmailFromAllMailboxes();
        long id = as(() -> outbox.plan(new ContactOutbox.Plan(customer, Channel.EMAIL, null, template, null, null, null))).messageId();
        while (dispatcher.dispatchOnce("smtp") > 0) { }
        assertThat(status(id)).isEqualTo("SENT");
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Lucía, te ayudamos con tu pago");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("lucia@example.mx");
        String key = system.sql("select idempotency_key::text from contact_message where id = ?").param(id).query(String.class).single();
        assertThat(received[0].getMessageID()).isEqualTo("<" + key + "@recaudo.mx>");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(received[0])).contains("Tu referencia es E-1");

        GreenMailUser bounceBox = mail.setUser("bounces@recaudo.local", "bounces", "secreto");
        bounceBox.deliver(dsn(received[0].getMessageID()));
        assertThat(bounces.pollOnce()).isEqualTo(1);
        assertThat(status(id)).isEqualTo("FAILED");
    }

    static MimeMessage dsn(String originalMessageId) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("MAILER-DAEMON@mx.example.mx"));
        m.setSubject("Undelivered Mail Returned to Sender");
        MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
        MimeBodyPart human = new MimeBodyPart();
        human.setText("The mail system could not deliver your message.");
        MimeBodyPart status = new MimeBodyPart();
        status.setDataHandler(new DataHandler(new ByteArrayDataSource(
                "Reporting-MTA: dns; mx.example.mx\r\n\r\nFinal-Recipient: rfc822; lucia@example.mx\r\nAction: failed\r\nStatus: 5.1.1\r\n",
                "message/delivery-status")));
        MimeBodyPart headers = new MimeBodyPart();
        headers.setDataHandler(new DataHandler(new ByteArrayDataSource(
                "Message-ID: " + originalMessageId + "\r\nSubject: x\r\n\r\n", "text/rfc822-headers")));
        report.addBodyPart(human);
        report.addBodyPart(status);
        report.addBodyPart(headers);
        m.setContent(report);
        m.saveChanges();
        return m;
    }
}
