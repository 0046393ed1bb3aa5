package mx.recaudo.contact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentRequestWordsTests {
    @Test
    void aRequestForAPersonIsRecognizedInAnyCaseWithOrWithoutAccents() {
        assertThat(AgentRequestWords.match("AGENTE")).isTrue();
        assertThat(AgentRequestWords.match("quiero hablar con un agente, por favor")).isTrue();
        assertThat(AgentRequestWords.match("Llámenme mañana")).isTrue();
        assertThat(AgentRequestWords.match("asesor!")).isTrue();
        assertThat(AgentRequestWords.match("Call me")).isTrue();
    }

    @Test
    void otherRepliesAreNotRequests() {
        assertThat(AgentRequestWords.match("ya pagué")).isFalse();
        assertThat(AgentRequestWords.match("BAJA")).isFalse();
        assertThat(AgentRequestWords.match("")).isFalse();
        assertThat(AgentRequestWords.match(null)).isFalse();
    }
}
