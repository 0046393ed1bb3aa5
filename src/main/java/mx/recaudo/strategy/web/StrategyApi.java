package mx.recaudo.strategy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.segmentation.InvalidDocumentException;
import mx.recaudo.segmentation.SegmentationDocuments;
import mx.recaudo.strategy.ActionType;
import mx.recaudo.strategy.PriceList;
import mx.recaudo.strategy.Strategies;
import mx.recaudo.strategy.StrategyDocuments;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strategies (ladders, variants, fallback) and the per-channel price list over the REST API. */
@RestController
class StrategyApi {
    private final Strategies strategies;
    private final PriceList prices;
    private final ObjectMapper json;

    StrategyApi(Strategies strategies, PriceList prices, ObjectMapper json) {
        this.strategies = strategies;
        this.prices = prices;
        this.json = json;
    }

    @GetMapping("/api/v1/strategies")
    Map<String, Object> current() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        var published = strategies.published();
        m.put("version", published.map(Strategies.PublishedStrategies::version).orElse(0));
        m.put("shippedDefault", published.isEmpty());
        m.put("document", json.readTree(strategies.activeDocument()));
        return m;
    }

    /** Validates and publishes a strategies document as the next version (a bad document changes nothing). */
    @PutMapping(value = "/api/v1/strategies", consumes = "application/json")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    ResponseEntity<?> put(@RequestBody(required = false) String body, Authentication auth) {
        try {
            JsonNode doc = SegmentationDocuments.parse(body == null ? "" : body);
            StrategyDocuments.compile(doc, 0);
            return ResponseEntity.ok(Map.of("status", "PUBLISHED", "version", strategies.publish(doc.toString(), auth.getName())));
        } catch (InvalidDocumentException e) {
            return ApiProblems.invalid(e.problems());
        }
    }

    @GetMapping("/api/v1/price-list")
    List<PriceList.Price> priceList() {
        return List.copyOf(prices.prices().values());
    }

    /** Body: {@code {"SMS": {"unitCost": 0.30, "currency": "MXN"}, …}}; every entry is checked before any is saved. */
    @PutMapping(value = "/api/v1/price-list", consumes = "application/json")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    ResponseEntity<?> putPriceList(@RequestBody(required = false) String body) {
        List<ApiProblems.Problem> problems = new ArrayList<>();
        Map<ActionType, Object[]> parsed = new LinkedHashMap<>();
        JsonNode doc;
        try {
            doc = json.readTree(body == null ? "" : body);
        } catch (Exception e) {
            doc = null;
        }
        if (doc == null || !doc.isObject()) {
            return ApiProblems.invalid(List.of(new ApiProblems.Problem("$", "Debe ser un objeto JSON",
                    "Must be a JSON object")), "invalid_document");
        }
        doc.fields().forEachRemaining(e -> {
            String path = "$." + e.getKey();
            ActionType type;
            try {
                type = ActionType.valueOf(e.getKey());
            } catch (IllegalArgumentException ex) {
                problems.add(new ApiProblems.Problem(path, "Tipo de acción desconocido", "Unknown action type"));
                return;
            }
            JsonNode cost = e.getValue().get("unitCost");
            BigDecimal unit = cost != null && cost.isNumber() ? cost.decimalValue() : null;
            if (unit == null || unit.signum() < 0) {
                problems.add(new ApiProblems.Problem(path + ".unitCost", "Debe ser un número no negativo", "Must be a non-negative number"));
            }
            String currency = e.getValue().path("currency").asText("MXN");
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException ex) {
                problems.add(new ApiProblems.Problem(path + ".currency", "Moneda ISO 4217 desconocida", "Unknown ISO 4217 currency"));
            }
            parsed.put(type, new Object[]{unit, currency});
        });
        if (!problems.isEmpty()) return ApiProblems.invalid(problems, "invalid_document");
        parsed.forEach((type, v) -> prices.set(type, (BigDecimal) v[0], (String) v[1]));
        return ResponseEntity.ok(prices.prices().values());
    }
}
