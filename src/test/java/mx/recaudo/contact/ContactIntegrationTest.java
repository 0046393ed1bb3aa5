package mx.recaudo.contact;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One application context for the contact integration tests: the background dispatcher off (tests
 * dispatch explicitly), SMS routed to the in-process SMPP server, email to GreenMail, the rest to the sandbox.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "recaudo.contact.dispatch-enabled=false",
        "recaudo.contact.routes.sms=smpp",
        "recaudo.contact.routes.email=smtp",
        "recaudo.contact.smpp.host=127.0.0.1",
        "recaudo.contact.smpp.port=" + ContactIntegrationTest.SMPP_PORT,
        "recaudo.contact.smpp.system-id=recaudo",
        "recaudo.contact.smpp.password=secreto",
        "recaudo.contact.smpp.enquire-link-millis=1000",
        "recaudo.contact.smtp.host=127.0.0.1",
        "recaudo.contact.smtp.port=" + ContactIntegrationTest.SMTP_PORT,
        "recaudo.contact.smtp.auth=false",
        "recaudo.contact.smtp.bounce-host=127.0.0.1",
        "recaudo.contact.smtp.bounce-port=" + ContactIntegrationTest.IMAP_PORT,
        "recaudo.contact.smtp.bounce-protocol=imap",
        "recaudo.contact.smtp.bounce-user=bounces",
        "recaudo.contact.smtp.bounce-password=secreto",
        "recaudo.contact.smtp.bounce-poll-millis=3600000",
        "recaudo.contact.first-retry=PT0S",
        "recaudo.contact.sending-lease=PT1S"})
public @interface ContactIntegrationTest {
    int SMPP_PORT = 40775;
    int SMTP_PORT = 40725;
    int IMAP_PORT = 40743;
}
