package mx.recaudo.strategy;

import mx.recaudo.segmentation.ContactChannel;

/** What a step does, the channel it goes out on, and what the customer must be reachable on for it. */
public enum ActionType {
    SMS("SMS", ContactChannel.PHONE, null),
    EMAIL("EMAIL", ContactChannel.EMAIL, null),
    WHATSAPP("WHATSAPP", ContactChannel.WHATSAPP, null),
    VOICE_BLASTER("VOICE", ContactChannel.PHONE, null),
    LETTER("POSTAL_MAIL", ContactChannel.ADDRESS, null),
    AGENT_CALL("PHONE", ContactChannel.PHONE, "CALLS"),
    DIALER_CAMPAIGN("PHONE", ContactChannel.PHONE, null),
    FIELD_VISIT("FIELD", ContactChannel.ADDRESS, "FIELD"),
    LEGAL_REFERRAL("LEGAL", null, "LEGAL");

    private final String channel;
    private final ContactChannel requires;
    private final String agentQueue;

    ActionType(String channel, ContactChannel requires, String agentQueue) {
        this.channel = channel;
        this.requires = requires;
        this.agentQueue = agentQueue;
    }

    public String channel() { return channel; }

    /** The contact data the action needs; null when it needs none (a legal referral). */
    public ContactChannel requires() { return requires; }

    /** The agent work queue this action creates a task in, or null for automated actions. */
    public String agentQueue() { return agentQueue; }
}
