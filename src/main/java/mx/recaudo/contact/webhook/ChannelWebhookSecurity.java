package mx.recaudo.contact.webhook;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** Providers call the channel webhooks without a session or token: each request proves itself by its signature. */
@Configuration(proxyBeanMethods = false)
class ChannelWebhookSecurity {
    @Bean
    @Order(1)
    @ConditionalOnWebApplication
    SecurityFilterChain channelWebhookChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/webhooks/whatsapp/**", "/webhooks/whatsapp", "/webhooks/voice/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }
}
