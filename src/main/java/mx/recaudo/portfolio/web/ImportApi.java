package mx.recaudo.portfolio.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.portfolio.importing.ColumnMappings;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Portfolio import over the REST API: submit a file, follow its status, download its error report. */
@RestController
@RequestMapping("/api/v1/imports")
class ImportApi {
    private final PortfolioImports imports;
    private final ColumnMappings mappings;
    private final ObjectMapper json;

    ImportApi(PortfolioImports imports, ColumnMappings mappings, ObjectMapper json) {
        this.imports = imports;
        this.mappings = mappings;
        this.json = json;
    }

    @PostMapping(consumes = "multipart/form-data")
    ResponseEntity<?> submit(@RequestParam(value = "file", required = false) MultipartFile file,
                             @RequestParam(value = "mapping", required = false) String mapping,
                             @RequestParam(value = "mode", required = false) String mode,
                             Authentication auth) throws IOException {
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        if (file == null || file.isEmpty()) {
            problems.add(new ApiError.FieldProblem("file", "Adjunte el archivo en el campo 'file' (CSV, XLSX o ZIP de CFDI)",
                    "Attach the file in the 'file' field (CSV, XLSX or a zip of CFDI)"));
        }
        ImportMode importMode = ImportMode.UPSERT;
        if (mode != null && !mode.isBlank()) {
            try {
                importMode = ImportMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new ApiError.FieldProblem("mode", "El modo debe ser UPSERT o SNAPSHOT",
                        "Mode must be UPSERT or SNAPSHOT"));
            }
        }
        Map<String, String> columnMapping = Map.of();
        if (mapping != null && !mapping.isBlank()) {
            String m = mapping.strip();
            if (m.startsWith("{")) {
                try {
                    columnMapping = json.readValue(m, new TypeReference<LinkedHashMap<String, String>>() {});
                    problems.addAll(ColumnMappings.check(columnMapping).stream()
                            .map(p -> new ApiError.FieldProblem("mapping." + p.field(), p.es(), p.en())).toList());
                } catch (IOException e) {
                    problems.add(new ApiError.FieldProblem("mapping",
                            "La asignación debe ser un objeto JSON {\"columna_canónica\": \"columna del archivo\"}",
                            "The mapping must be a JSON object {\"canonical_column\": \"file column\"}"));
                }
            } else {
                var saved = mappings.find(m);
                if (saved.isPresent()) columnMapping = saved.get();
                else problems.add(new ApiError.FieldProblem("mapping", "No existe una asignación guardada llamada '" + m + "'",
                        "There is no saved mapping named '" + m + "'"));
            }
        }
        if (!problems.isEmpty()) return ResponseEntity.badRequest().body(new ApiError("invalid_request", problems));
        UUID id;
        try (InputStream in = file.getInputStream()) {
            id = imports.submit(file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename(), in,
                    importMode, columnMapping, "API", auth.getName());
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + id))
                .body(Map.of("id", id, "status", "QUEUED"));
    }

    @GetMapping("/{id}")
    ResponseEntity<?> status(@PathVariable String id) {
        return parse(id).flatMap(imports::find).<ResponseEntity<?>>map(job -> ResponseEntity.ok(view(job)))
                .orElseGet(ImportApi::notFound);
    }

    @GetMapping("/{id}/errors")
    void errors(@PathVariable String id, HttpServletResponse response) throws IOException {
        var job = parse(id).flatMap(imports::find);
        if (job.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), notFound().getBody());
            return;
        }
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"errores-" + id + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        imports.writeErrorReport(job.get().id(), out);
        out.flush();
    }

    static Map<String, Object> view(ImportJob job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("fileName", job.fileName());
        m.put("mode", job.mode());
        m.put("status", job.status());
        m.put("progress", job.progress());
        m.put("rowsRead", job.rowsRead());
        m.put("rowsImported", job.rowsImported());
        m.put("rowsRejected", job.rowsRejected());
        m.put("warnings", job.warnings());
        m.put("customersCreated", job.customersCreated());
        m.put("customersUpdated", job.customersUpdated());
        m.put("obligationsCreated", job.obligationsCreated());
        m.put("obligationsUpdated", job.obligationsUpdated());
        m.put("obligationsClosed", job.obligationsClosed());
        m.put("unchanged", job.unchanged());
        if (job.failureEn() != null) {
            m.put("failure", Map.of("messageEs", job.failureEs(), "messageEn", job.failureEn()));
        }
        m.put("createdAt", job.createdAt());
        if (job.startedAt() != null) m.put("startedAt", job.startedAt());
        if (job.finishedAt() != null) m.put("finishedAt", job.finishedAt());
        m.put("errorsUrl", "/api/v1/imports/" + job.id() + "/errors");
        return m;
    }

    private static java.util.Optional<UUID> parse(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static ResponseEntity<ApiError> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("not_found", "id",
                "No existe esa importación", "No such import"));
    }
}
