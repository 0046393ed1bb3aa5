package mx.recaudo.contact;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One application context for the WhatsApp, voice and letter tests: background dispatch off (tests
 * dispatch explicitly), WhatsApp to a local Graph API stub, voice to a local Twilio-style stub
 * ({@link ChannelStubs}),
 * letters to the letter provider, the rest to a sandbox of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc
@org.springframework.test.context.ContextConfiguration(initializers = ChannelStubs.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "recaudo.contact.dispatch-enabled=false",
        "recaudo.db.pool-size=4",
        "recaudo.contact.sandbox-name=sandbox-channels",
        "recaudo.contact.routes.default=sandbox-channels",
        "recaudo.contact.routes.whatsapp=whatsapp",
        "recaudo.contact.routes.voice=voice",
        "recaudo.contact.routes.letter=letters",
        "recaudo.contact.first-retry=PT0S",
        "recaudo.contact.pending-reports-millis=3600000",
        "recaudo.contact.whatsapp.version=v21.0",
        "recaudo.contact.whatsapp.phone-number-id=" + ChannelsIntegrationTest.PHONE_NUMBER_ID,
        "recaudo.contact.whatsapp.token=EAAG-token-de-prueba",
        "recaudo.contact.whatsapp.app-secret=" + ChannelsIntegrationTest.APP_SECRET,
        "recaudo.contact.whatsapp.verify-token=verificame",
        "recaudo.contact.voice.account-sid=" + ChannelsIntegrationTest.ACCOUNT_SID,
        "recaudo.contact.voice.auth-token=" + ChannelsIntegrationTest.AUTH_TOKEN,
        "recaudo.contact.voice.from=+523300000000",
        "recaudo.contact.voice.public-base-url=" + ChannelsIntegrationTest.PUBLIC_URL})
public @interface ChannelsIntegrationTest {
    String PHONE_NUMBER_ID = "106540352242922";
    String APP_SECRET = "secreto-de-la-app";
    String ACCOUNT_SID = "AC00000000000000000000000000000001";
    String AUTH_TOKEN = "token-de-voz";
    String PUBLIC_URL = "https://recaudo.example.mx";
}
