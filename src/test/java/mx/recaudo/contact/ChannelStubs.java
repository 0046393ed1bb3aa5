package mx.recaudo.contact;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The local Graph API and voice API stubs of the channel tests, started once per test JVM on free
 * ports (a fixed port can be taken by any ephemeral socket on a busy machine); the initializer
 * points the application at them.
 */
public final class ChannelStubs implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static ProviderStub graph;
    private static ProviderStub voice;

    public static synchronized ProviderStub graph() {
        if (graph == null) graph = start();
        return graph;
    }

    public static synchronized ProviderStub voice() {
        if (voice == null) voice = start();
        return voice;
    }

    private static ProviderStub start() {
        try {
            return new ProviderStub(0, r -> ProviderStub.Response.json(500, "{}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("channel-stubs", Map.of(
                "recaudo.contact.whatsapp.base-url", "http://127.0.0.1:" + graph().port(),
                "recaudo.contact.voice.base-url", "http://127.0.0.1:" + voice().port())));
    }
}
