package mx.recaudo.contact;

import mx.recaudo.RecaudoApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A dispatcher node in a JVM of its own (for the kill -9 test): no web server, the outbox poller on. */
public final class DispatcherNode {
    private DispatcherNode() {}

    public static void main(String[] args) {
        new SpringApplicationBuilder(RecaudoApplication.class).web(WebApplicationType.NONE)
                .properties("recaudo.contact.dispatch-enabled=true", "recaudo.contact.poll-millis=50",
                        "recaudo.contact.batch-size=40", "recaudo.contact.sandbox-delay-millis=3",
                        "recaudo.import.poll-millis=3600000")
                .run(args);
    }
}
