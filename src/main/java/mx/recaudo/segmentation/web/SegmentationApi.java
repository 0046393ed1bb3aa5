package mx.recaudo.segmentation.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.portfolio.Portfolio;
import mx.recaudo.segmentation.InvalidDocumentException;
import mx.recaudo.segmentation.PublishedSegmentation;
import mx.recaudo.segmentation.SegmentationDocuments;
import mx.recaudo.segmentation.Segmentations;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Segmentations over the REST API. {@code PUT} validates a document (every problem with its JSON
 * path; a bad document changes nothing) and saves it as the draft, or publishes it at once with
 * {@code ?publish=true}; {@code GET …/preview} shows customers and money per segment of the draft;
 * {@code POST …/publish} publishes the draft as the next immutable version.
 */
@RestController
@RequestMapping("/api/v1/segmentations")
class SegmentationApi {
    private final Segmentations segmentations;
    private final Portfolio portfolio;
    private final ObjectMapper json;

    SegmentationApi(Segmentations segmentations, Portfolio portfolio, ObjectMapper json) {
        this.segmentations = segmentations;
        this.portfolio = portfolio;
        this.json = json;
    }

    @GetMapping
    Map<String, Object> current() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        var published = segmentations.published();
        m.put("version", published.map(PublishedSegmentation::version).orElse(0));
        m.put("shippedDefault", published.isEmpty());
        published.ifPresent(p -> {
            m.put("publishedBy", p.publishedBy());
            m.put("publishedAt", p.publishedAt());
        });
        m.put("document", json.readTree(published.map(PublishedSegmentation::document)
                .orElseGet(SegmentationDocuments::defaultDocument)));
        if (segmentations.hasDraft()) m.put("draft", json.readTree(segmentations.draftDocument()));
        m.put("versions", segmentations.versions().stream().map(PublishedSegmentation::version).toList());
        return m;
    }

    @GetMapping("/versions/{version}")
    ResponseEntity<?> version(@PathVariable int version) throws Exception {
        var v = segmentations.version(version);
        if (v.isEmpty()) return ApiProblems.of(HttpStatus.NOT_FOUND, "not_found", "version",
                "No existe esa versión", "No such version");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.get().version());
        m.put("publishedBy", v.get().publishedBy());
        m.put("publishedAt", v.get().publishedAt());
        m.put("document", json.readTree(v.get().document()));
        return ResponseEntity.ok(m);
    }

    @PutMapping(consumes = "application/json")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    ResponseEntity<?> put(@RequestBody(required = false) String body, @RequestParam(defaultValue = "false") boolean publish,
                          Authentication auth) {
        try {
            JsonNode doc = SegmentationDocuments.parse(body == null ? "" : body);
            SegmentationDocuments.compile(doc, 0);
            if (publish) {
                int version = segmentations.publish(doc.toString(), auth.getName());
                return ResponseEntity.ok(Map.of("status", "PUBLISHED", "version", version));
            }
            segmentations.saveDraft(doc.toString(), auth.getName());
            return ResponseEntity.ok(Map.of("status", "DRAFT", "previewUrl", "/api/v1/segmentations/preview"));
        } catch (InvalidDocumentException e) {
            return ApiProblems.invalid(e.problems());
        }
    }

    @GetMapping("/preview")
    ResponseEntity<?> preview(@RequestParam(required = false) String asOf) {
        LocalDate date;
        try {
            date = asOf == null || asOf.isBlank() ? portfolio.today() : LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            return ApiProblems.of(HttpStatus.BAD_REQUEST, "invalid_request", "asOf",
                    "Fecha no válida; use AAAA-MM-DD", "Invalid date; use YYYY-MM-DD");
        }
        return ResponseEntity.ok(Map.of("asOf", date, "draft", segmentations.hasDraft(),
                "segments", segmentations.preview(segmentations.draftDocument(), date)));
    }

    @PostMapping("/publish")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    ResponseEntity<?> publish(Authentication auth) {
        if (!segmentations.hasDraft()) {
            return ApiProblems.of(HttpStatus.CONFLICT, "no_draft", "draft", "No hay borrador que publicar",
                    "There is no draft to publish");
        }
        try {
            return ResponseEntity.ok(Map.of("status", "PUBLISHED", "version", segmentations.publishDraft(auth.getName())));
        } catch (InvalidDocumentException e) {
            return ApiProblems.invalid(e.problems());
        }
    }
}
