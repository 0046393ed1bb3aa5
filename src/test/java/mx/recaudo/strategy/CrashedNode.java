package mx.recaudo.strategy;

import mx.recaudo.RecaudoApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import java.util.Map;

/** A separate JVM running {@code recaudo run} for one organization and date, to be killed mid-run by a test. */
public final class CrashedNode {
    private CrashedNode() {}

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(RecaudoApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of("spring.profiles.active", "test", "recaudo.workers.enabled", "false",
                "recaudo.cli.command", "run", "recaudo.cli.org", args[0], "recaudo.cli.as-of", args[1],
                "recaudo.strategy.chunk-size", args[2], "logging.level.root", "WARN"));
        // A small pool: the test database is shared with other test JVMs.
        System.exit(SpringApplication.exit(app.run("--recaudo.db.pool-size=3")));
    }
}
