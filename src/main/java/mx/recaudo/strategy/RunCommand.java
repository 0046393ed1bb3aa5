package mx.recaudo.strategy;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.Organization;
import mx.recaudo.shared.TenantContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * {@code recaudo run [--as-of YYYY-MM-DD] [--dry-run] [--org SLUG]}: the daily run in the
 * foreground for batch schedulers (cron). A real run of a date that is already running (e.g. one
 * whose process was killed) is resumed, not started twice. Exit 0 done, 1 failed, 2 bad arguments.
 */
@Component
@ConditionalOnProperty(name = "recaudo.cli.command", havingValue = "run")
class RunCommand implements ApplicationRunner, ExitCodeGenerator {
    private final CollectionRuns runs;
    private final IdentityManagement identity;
    private final String asOf;
    private final boolean dryRun;
    private final String orgSlug;
    private int exitCode = 1;

    RunCommand(CollectionRuns runs, IdentityManagement identity, @Value("${recaudo.cli.as-of:}") String asOf,
               @Value("${recaudo.cli.dry-run:false}") boolean dryRun, @Value("${recaudo.cli.org:}") String orgSlug) {
        this.runs = runs;
        this.identity = identity;
        this.asOf = asOf;
        this.dryRun = dryRun;
        this.orgSlug = orgSlug;
    }

    @Override
    public void run(ApplicationArguments args) {
        PrintStream out = System.out;
        List<Organization> candidates = orgSlug.isBlank() ? identity.organizations()
                : identity.findOrganizationBySlug(orgSlug).map(List::of).orElse(List.of());
        if (candidates.size() != 1) {
            System.err.println(candidates.isEmpty() ? "No such organization / no existe la organización: " + orgSlug
                    : "Several organizations exist; choose one with --org " + candidates.stream().map(Organization::slug).toList());
            exitCode = 2;
            return;
        }
        Organization org = candidates.getFirst();
        RunView view = TenantContext.call(org.id(), () -> {
            LocalDate date;
            try {
                date = asOf.isBlank() ? runs.today() : LocalDate.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                System.err.println("Invalid --as-of (use YYYY-MM-DD) / fecha no válida: " + asOf);
                return null;
            }
            UUID id = runs.start(date, dryRun, "CLI", "cli");
            out.println("run " + id + " as of " + date + (dryRun ? " (dry run)" : ""));
            runs.workUntilIdle();
            RunView v = runs.find(id).orElseThrow();
            while (!v.finished()) { // chunks claimed by other nodes
                Thread.sleep(500);
                runs.workUntilIdle();
                v = runs.find(id).orElseThrow();
            }
            for (TallyRow t : runs.report(id)) {
                out.printf("%-24s %-16s %-18s %10d %14s %s%n", t.segmentKey(), t.actionType(), t.channel(), t.customers(),
                        t.cost().toPlainString(), t.currency());
            }
            out.println("status " + v.status() + ": customers " + v.customers() + ", actions " + v.actions()
                    + ", agent tasks " + v.agentTasks() + ", estimated cost " + runs.estimatedCost(id));
            return v;
        });
        if (view == null) {
            exitCode = 2;
            return;
        }
        exitCode = "COMPLETED".equals(view.status()) ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
