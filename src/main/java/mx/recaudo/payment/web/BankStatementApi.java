package mx.recaudo.payment.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.payment.BankFileLayout;
import mx.recaudo.payment.BankStatementResult;
import mx.recaudo.payment.BankStatements;
import mx.recaudo.payment.Problem;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bank statement files over the REST API, and the exceptions queue of lines that matched nobody. */
@RestController
@RequestMapping("/api/v1")
class BankStatementApi {
    private final BankStatements statements;
    private final ObjectMapper json;

    BankStatementApi(BankStatements statements, ObjectMapper json) {
        this.statements = statements;
        this.json = json;
    }

    /** Multipart {@code file} (CSV) and optional {@code layout} (JSON of {@link BankFileLayout}); runs to the end. */
    @PostMapping("/bank-statements")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','API_CLIENT')")
    BankStatementResult upload(@RequestPart("file") MultipartFile file,
                               @RequestParam(name = "layout", required = false) String layoutJson) throws IOException {
        BankFileLayout layout = parseLayout(json, layoutJson);
        Path tmp = Files.createTempFile("statement-", ".csv");
        try {
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return statements.importFile(tmp, file.getOriginalFilename() == null ? "statement.csv" : file.getOriginalFilename(), layout);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @GetMapping("/bank-statements/{id}")
    ResponseEntity<BankStatementResult> one(@PathVariable UUID id) {
        return ResponseEntity.of(statements.find(id));
    }

    @GetMapping("/payment-exceptions")
    Map<String, Object> exceptions(@RequestParam(defaultValue = "100") int limit) {
        return Map.of("items", statements.openExceptions(Math.max(1, Math.min(limit, 1000))));
    }

    record Resolution(String customer) {}

    /** {@code {"customer": "<external id>"}} posts the deposit to that customer; {@code {}} dismisses it. */
    @PostMapping("/payment-exceptions/{id}/resolution")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    Map<String, Object> resolve(@PathVariable long id, @RequestBody Resolution resolution) {
        statements.resolve(id, resolution.customer());
        return Map.of("id", id, "resolved", true);
    }

    static BankFileLayout parseLayout(ObjectMapper json, String layoutJson) {
        if (layoutJson == null || layoutJson.isBlank()) return BankFileLayout.standard();
        try {
            return json.readValue(layoutJson, BankFileLayout.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new Problem.Rejected(List.of(new Problem("layout", "El formato del archivo no es válido: " + e.getMessage(),
                    "The file layout is not valid: " + e.getMessage())));
        }
    }
}
