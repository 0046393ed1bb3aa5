package mx.recaudo.portfolio;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.Organization;
import mx.recaudo.portfolio.importing.ColumnMappings;
import mx.recaudo.shared.TenantContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code recaudo import --file cartera.csv}: imports in the foreground for batch jobs, prints the summary. */
@Component
@ConditionalOnProperty(name = "recaudo.cli.command", havingValue = "import")
class ImportCommand implements ApplicationRunner, ExitCodeGenerator {
    private final PortfolioImports imports;
    private final IdentityManagement identity;
    private final ColumnMappings mappings;
    private final ObjectMapper json;
    private final String file;
    private final String mode;
    private final String mapping;
    private final String orgSlug;
    private int exitCode = 1;

    ImportCommand(PortfolioImports imports, IdentityManagement identity, ColumnMappings mappings, ObjectMapper json,
                  @Value("${recaudo.cli.file}") String file, @Value("${recaudo.cli.mode:UPSERT}") String mode,
                  @Value("${recaudo.cli.mapping:}") String mapping, @Value("${recaudo.cli.org:}") String orgSlug) {
        this.imports = imports;
        this.identity = identity;
        this.mappings = mappings;
        this.json = json;
        this.file = file;
        this.mode = mode;
        this.mapping = mapping;
        this.orgSlug = orgSlug;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        PrintStream out = System.out;
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            System.err.println("No such file / no existe el archivo: " + path.toAbsolutePath());
            exitCode = 2;
            return;
        }
        List<Organization> candidates = orgSlug.isBlank() ? identity.organizations()
                : identity.findOrganizationBySlug(orgSlug).map(List::of).orElse(List.of());
        if (candidates.size() != 1) {
            System.err.println(candidates.isEmpty()
                    ? "No such organization / no existe la organización: " + orgSlug
                    : "Several organizations exist; choose one with --org " + candidates.stream().map(Organization::slug).toList());
            exitCode = 2;
            return;
        }
        Organization org = candidates.getFirst();
        ImportMode importMode = ImportMode.valueOf(mode.toUpperCase(Locale.ROOT));
        ImportJob job = TenantContext.call(org.id(), () -> {
            Map<String, String> columnMapping = mapping.isBlank() ? Map.of()
                    : mapping.strip().startsWith("{")
                    ? json.readValue(mapping, new TypeReference<Map<String, String>>() {})
                    : mappings.find(mapping).orElseThrow(() -> new IllegalArgumentException("No saved mapping " + mapping));
            try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
                return imports.importNow(path.getFileName().toString(), in, Files.size(path), importMode,
                        columnMapping, "CLI", "cli");
            }
        });
        long millis = job.finishedAt() != null && job.startedAt() != null
                ? job.finishedAt().toEpochMilli() - job.startedAt().toEpochMilli() : 0;
        out.printf("import %s %s: %s%n", job.id(), job.fileName(), job.status());
        out.printf("  rowsRead=%d rowsImported=%d rowsRejected=%d warnings=%d%n", job.rowsRead(), job.rowsImported(),
                job.rowsRejected(), job.warnings());
        out.printf("  customersCreated=%d customersUpdated=%d obligationsCreated=%d obligationsUpdated=%d "
                        + "obligationsClosed=%d unchanged=%d%n", job.customersCreated(), job.customersUpdated(),
                job.obligationsCreated(), job.obligationsUpdated(), job.obligationsClosed(), job.unchanged());
        out.printf("  elapsedMillis=%d rowsPerSecond=%.0f%n", millis, millis == 0 ? 0.0 : job.rowsRead() * 1000.0 / millis);
        if (job.failureEn() != null) {
            out.println("  " + job.failureEs());
            out.println("  " + job.failureEn());
        }
        exitCode = job.status() == ImportJob.Status.COMPLETED ? 0 : 2;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
