package mx.recaudo.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTests {
    @Test
    void demoSwitchesTheDemoOnAndServesTheWeb() {
        CommandLine c = CommandLine.parse(new String[]{"demo"});
        assertThat(c.web()).isTrue();
        assertThat(c.properties()).containsEntry("recaudo.demo", "true");
    }

    @Test
    void importTakesItsOptionsInBothSpellingsAndRunsWithoutWebOrWorkers() {
        CommandLine c = CommandLine.parse(new String[]{"import", "--file", "c.csv", "--mode=SNAPSHOT", "--org", "demo"});
        assertThat(c.error()).isNull();
        assertThat(c.web()).isFalse();
        assertThat(c.properties()).containsEntry("recaudo.cli.file", "c.csv").containsEntry("recaudo.cli.mode", "SNAPSHOT")
                .containsEntry("recaudo.cli.org", "demo").containsEntry("recaudo.workers.enabled", "false");
    }

    @Test
    void importWithoutAFileIsAnError() {
        assertThat(CommandLine.parse(new String[]{"import"}).error()).contains("--file");
    }

    @Test
    void runTakesAnAsOfDateAndADryRunFlag() {
        CommandLine c = CommandLine.parse(new String[]{"run", "--as-of", "2026-11-23", "--dry-run"});
        assertThat(c.web()).isFalse();
        assertThat(c.properties()).containsEntry("recaudo.cli.command", "run")
                .containsEntry("recaudo.cli.as-of", "2026-11-23").containsEntry("recaudo.cli.dry-run", "true");
    }

    @Test
    void anUnknownCommandIsAnError() {
        assertThat(CommandLine.parse(new String[]{"explode"}).error()).contains("Unknown command");
    }
}
