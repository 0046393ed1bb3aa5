package mx.recaudo.portfolio.web;

import mx.recaudo.portfolio.AgingBucket;
import mx.recaudo.portfolio.CustomerPage;
import mx.recaudo.portfolio.CustomerSearch;
import mx.recaudo.portfolio.Portfolio;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Customers over the REST API: look up by external id, search the portfolio, read one customer. */
@RestController
@RequestMapping("/api/v1/customers")
class CustomerApi {
    private final Portfolio portfolio;

    CustomerApi(Portfolio portfolio) {
        this.portfolio = portfolio;
    }

    @GetMapping
    ResponseEntity<?> list(@RequestParam(required = false) String externalId,
                           @RequestParam(required = false) String q,
                           @RequestParam(required = false) String bucket,
                           @RequestParam(required = false) String product,
                           @RequestParam(required = false) String currency,
                           @RequestParam(required = false) String minBalance,
                           @RequestParam(required = false) String maxBalance,
                           @RequestParam(required = false) String afterName,
                           @RequestParam(required = false) Long afterId,
                           @RequestParam(required = false, defaultValue = "50") int size) {
        if (externalId != null) {
            return ResponseEntity.ok(Map.of("items", portfolio.findIdByExternalId(externalId)
                    .flatMap(portfolio::customer).map(List::of).orElse(List.of())));
        }
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        AgingBucket agingBucket = null;
        if (bucket != null && !bucket.isBlank()) {
            try {
                agingBucket = AgingBucket.valueOf(bucket.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new ApiError.FieldProblem("bucket", "Tramo desconocido; use uno de " + List.of(AgingBucket.values()),
                        "Unknown bucket; use one of " + List.of(AgingBucket.values())));
            }
        }
        BigDecimal min = decimal("minBalance", minBalance, problems);
        BigDecimal max = decimal("maxBalance", maxBalance, problems);
        if (size < 1 || size > 500) {
            problems.add(new ApiError.FieldProblem("size", "El tamaño de página va de 1 a 500", "Page size goes from 1 to 500"));
        }
        if (!problems.isEmpty()) return ResponseEntity.badRequest().body(new ApiError("invalid_request", problems));
        CustomerPage page = portfolio.search(new CustomerSearch(q, agingBucket, product, currency, min, max,
                afterName, afterId, size));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", page.asOf());
        body.put("items", page.items());
        if (page.hasNext()) {
            body.put("next", Map.of("afterName", page.last().name(), "afterId", page.last().id()));
        }
        return ResponseEntity.ok(body);
    }

    @GetMapping("/{id}")
    ResponseEntity<?> one(@PathVariable long id) {
        return portfolio.customer(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(ApiError.of("not_found", "id", "No existe ese cliente", "No such customer")));
    }

    private static BigDecimal decimal(String field, String value, List<ApiError.FieldProblem> problems) {
        if (value == null || value.isBlank()) return null;
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            problems.add(new ApiError.FieldProblem(field, "No es un importe válido: " + value, "Not a valid amount: " + value));
            return null;
        }
    }
}
