package mx.recaudo.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background pollers run unless {@code recaudo.workers.enabled=false} (command-line runs turn them off). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "recaudo.workers.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {
}
