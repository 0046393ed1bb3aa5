package mx.recaudo.strategy;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactTemplates.Template;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HandoverTemplatesTests {
    static Template t(long id, String name, Channel channel, String language, String tone) {
        return new Template(id, name, channel, language, tone, false, null, "cuerpo", null, null);
    }

    static final List<Template> ALL = List.of(
            t(1, "aviso", Channel.SMS, "es", "FRIENDLY"),
            t(2, "aviso", Channel.SMS, "es", "FIRM"),
            t(3, "aviso", Channel.SMS, "en", "FRIENDLY"),
            t(4, "aviso", Channel.EMAIL, "es", "FRIENDLY"),
            t(5, "otro", Channel.SMS, "es", "FRIENDLY"),
            t(6, "aviso", Channel.WHATSAPP, "pt", "FRIENDLY"));

    @Test
    void theStepsTemplateOnTheChannelInTheCustomersLanguageAndTone() {
        assertThat(HandoverTemplates.choose(ALL, "aviso", Channel.SMS, "es-MX", "FIRM")).map(Template::id).contains(2L);
        assertThat(HandoverTemplates.choose(ALL, "aviso", Channel.SMS, "es-MX", "FRIENDLY")).map(Template::id).contains(1L);
        assertThat(HandoverTemplates.choose(ALL, "aviso", Channel.SMS, "en-US", "FIRM")).as("language before tone")
                .map(Template::id).contains(3L);
        assertThat(HandoverTemplates.choose(ALL, "aviso", Channel.EMAIL, "es-MX", "NEUTRAL")).as("the tone there is")
                .map(Template::id).contains(4L);
    }

    @Test
    void anotherLanguageFallsBackToSpanishAndNothingElse() {
        assertThat(HandoverTemplates.choose(ALL, "aviso", Channel.SMS, "fr-FR", "FRIENDLY")).map(Template::id).contains(1L);
        assertThat(HandoverTemplates.choose(ALL, "aviso", Channel.SMS, null, "FRIENDLY")).map(Template::id).contains(1L);
        assertThat(HandoverTemplates.choose(ALL, "aviso", Channel.WHATSAPP, "es-MX", "FRIENDLY")).isEmpty();
        assertThat(HandoverTemplates.choose(ALL, "falta", Channel.SMS, "es-MX", "FRIENDLY")).isEmpty();
        assertThat(HandoverTemplates.choose(ALL, null, Channel.SMS, "es-MX", "FRIENDLY")).isEmpty();
    }

    @Test
    void onlyChannelActionsHaveAChannel() {
        assertThat(HandoverTemplates.channelOf(ActionType.VOICE_BLASTER)).isEqualTo(Channel.VOICE);
        assertThat(HandoverTemplates.channelOf(ActionType.LETTER)).isEqualTo(Channel.LETTER);
        assertThat(HandoverTemplates.channelOf(ActionType.AGENT_CALL)).isNull();
        assertThat(HandoverTemplates.channelOf(ActionType.LEGAL_REFERRAL)).isNull();
    }
}
