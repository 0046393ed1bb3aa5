package mx.recaudo.contact;

import java.util.UUID;

/** A customer asked to talk to a person (an inbound reply such as "AGENTE" or "llámenme"). */
public record AgentRequested(UUID orgId, long customerId, Channel channel, String source) {
}
