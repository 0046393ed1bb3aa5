package mx.recaudo.strategy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.strategy.CollectionRuns;
import mx.recaudo.strategy.RunView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The daily run over the REST API: start one (or a dry run), follow it, read a customer's planned actions. */
@RestController
@RequestMapping("/api/v1/runs")
class RunApi {
    private final CollectionRuns runs;
    private final ObjectMapper json;

    RunApi(CollectionRuns runs, ObjectMapper json) {
        this.runs = runs;
        this.json = json;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    ResponseEntity<?> start(@RequestBody(required = false) String body, Authentication auth) {
        List<ApiProblems.Problem> problems = new ArrayList<>();
        LocalDate asOf = null;
        boolean dryRun = false;
        JsonNode doc = null;
        try {
            doc = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (Exception e) {
            problems.add(new ApiProblems.Problem("$", "El cuerpo debe ser JSON: {\"asOf\": \"AAAA-MM-DD\", \"dryRun\": false}",
                    "The body must be JSON: {\"asOf\": \"YYYY-MM-DD\", \"dryRun\": false}"));
        }
        if (doc != null && !doc.isObject()) {
            problems.add(new ApiProblems.Problem("$", "Debe ser un objeto JSON", "Must be a JSON object"));
        } else if (doc != null) {
            doc.fieldNames().forEachRemaining(f -> {
                if (!f.equals("asOf") && !f.equals("dryRun")) {
                    problems.add(new ApiProblems.Problem("$." + f, "Campo desconocido; se admiten: asOf, dryRun",
                            "Unknown field; allowed: asOf, dryRun"));
                }
            });
            JsonNode a = doc.get("asOf");
            if (a != null && !a.isNull()) {
                try {
                    asOf = LocalDate.parse(a.asText().strip());
                } catch (DateTimeParseException e) {
                    problems.add(new ApiProblems.Problem("$.asOf", "Fecha no válida; use AAAA-MM-DD", "Invalid date; use YYYY-MM-DD"));
                }
            }
            JsonNode d = doc.get("dryRun");
            if (d != null && !d.isNull()) {
                if (!d.isBoolean()) problems.add(new ApiProblems.Problem("$.dryRun", "Debe ser true o false", "Must be true or false"));
                else dryRun = d.asBoolean();
            }
        }
        if (!problems.isEmpty()) return ApiProblems.invalid(problems, "invalid_request");
        UUID id = runs.start(asOf == null ? runs.today() : asOf, dryRun, "API", auth.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/runs/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/{id}")
    ResponseEntity<?> status(@PathVariable String id) {
        Optional<RunView> run = parse(id).flatMap(runs::find);
        if (run.isEmpty()) return notFound();
        return ResponseEntity.ok(view(runs, run.get(), true));
    }

    @GetMapping("/{id}/actions")
    ResponseEntity<?> actions(@PathVariable String id, @RequestParam(required = false) String customer) {
        Optional<RunView> run = parse(id).flatMap(runs::find);
        if (run.isEmpty()) return notFound();
        if (customer == null || customer.isBlank()) {
            return ApiProblems.of(HttpStatus.BAD_REQUEST, "invalid_request", "customer",
                    "Indique el número de cliente (?customer=…)", "Give the customer's external id (?customer=…)");
        }
        return ResponseEntity.ok(Map.of("runId", run.get().id(), "asOf", run.get().asOf(), "customer", customer.strip(),
                "items", runs.actions(run.get().id(), customer.strip())));
    }

    static Map<String, Object> view(CollectionRuns runs, RunView r, boolean withReport) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("asOf", r.asOf());
        m.put("dryRun", r.dryRun());
        m.put("status", r.status());
        m.put("progress", r.progress());
        m.put("chunks", r.totalChunks());
        m.put("chunksDone", r.doneChunks());
        m.put("customers", r.customers());
        m.put("actions", r.actions());
        m.put("agentTasks", r.agentTasks());
        m.put("segmentationVersion", r.segmentationVersion());
        m.put("strategyVersion", r.strategyVersion());
        m.put("source", r.source());
        m.put("createdBy", r.createdBy());
        m.put("createdAt", r.createdAt());
        if (r.finishedAt() != null) m.put("finishedAt", r.finishedAt());
        if (r.failure() != null) m.put("failure", r.failure());
        if (withReport && r.finished()) {
            m.put("report", runs.report(r.id()));
            m.put("estimatedCost", runs.estimatedCost(r.id()));
            if (!r.dryRun()) m.put("handover", runs.handoverCounts(r.id()));
        }
        return m;
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<?> notFound() {
        return ApiProblems.of(HttpStatus.NOT_FOUND, "not_found", "id", "No existe esa corrida", "No such run");
    }
}
