package mx.recaudo.contact.whatsapp;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WhatsAppProperties.class)
class WhatsAppConfiguration {
}
