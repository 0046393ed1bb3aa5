package mx.recaudo.contact.web;

import mx.recaudo.contact.AgentInbox;
import mx.recaudo.contact.letter.Letters;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Letters (per customer, per print batch, per day), the letterhead, and the agent inbox over the REST API. */
@RestController
@RequestMapping("/api/v1")
class ChannelsApi {
    private final Letters letters;
    private final AgentInbox inbox;

    ChannelsApi(Letters letters, AgentInbox inbox) {
        this.letters = letters;
        this.inbox = inbox;
    }

    @GetMapping("/contact-messages/{id}/letter.pdf")
    ResponseEntity<?> letter(@PathVariable long id) {
        return pdf(letters.letterOf(id), "carta-" + id + ".pdf", "message");
    }

    /** Every letter planned for the day, in postal order, as one PDF for printing. */
    @GetMapping("/letters.pdf")
    ResponseEntity<?> planned(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return pdf(letters.plannedFor(date), "cartas-" + date + ".pdf", "date");
    }

    @GetMapping("/letter-batches")
    Map<String, Object> batches(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return Map.of("items", letters.batches(date));
    }

    @GetMapping("/letter-batches/{id}/pdf")
    ResponseEntity<?> batch(@PathVariable long id) {
        return pdf(letters.batchPdf(id), "lote-cartas-" + id + ".pdf", "batch");
    }

    @GetMapping("/letterhead")
    Object letterhead() {
        return letters.letterhead();
    }

    @PutMapping("/letterhead")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<?> saveLetterhead(@RequestBody(required = false) Letters.LetterheadSettings s) {
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        if (s == null) s = new Letters.LetterheadSettings(null, null, null, null, null, null, null, null, null, null);
        if (blank(s.address())) problems.add(new ApiError.FieldProblem("address", "Falta el domicilio", "The address is missing"));
        if (blank(s.city())) problems.add(new ApiError.FieldProblem("city", "Falta la ciudad (lugar de la carta)", "The city (the letter's place) is missing"));
        if (blank(s.signatoryName())) problems.add(new ApiError.FieldProblem("signatoryName", "Falta quien firma", "The signatory is missing"));
        if (blank(s.signatoryTitle())) problems.add(new ApiError.FieldProblem("signatoryTitle", "Falta el cargo de quien firma", "The signatory's title is missing"));
        if (!blank(s.clabe()) && !mx.recaudo.payment.Clabe.isValid(s.clabe().strip())) {
            problems.add(new ApiError.FieldProblem("clabe", "CLABE no válida (18 dígitos con dígito verificador)", "Invalid CLABE (18 digits with check digit)"));
        }
        if (!problems.isEmpty()) return ResponseEntity.badRequest().body(new ApiError("invalid_request", problems));
        letters.saveLetterhead(s);
        return ResponseEntity.ok(letters.letterhead());
    }

    @GetMapping("/contact-inbox")
    Map<String, Object> inbox(@RequestParam(defaultValue = "false") boolean handled) {
        return Map.of("items", handled ? inbox.handled(200) : inbox.open(200));
    }

    @PostMapping("/contact-inbox/{id}/handled")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT','API_CLIENT')")
    ResponseEntity<?> handled(@PathVariable long id) {
        return inbox.markHandled(id) ? ResponseEntity.ok(Map.of("handled", true))
                : ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("not_found", "id",
                "No hay un mensaje pendiente con ese número", "No open inbox item with that id"));
    }

    private static ResponseEntity<?> pdf(Optional<byte[]> pdf, String filename, String field) {
        return pdf.<ResponseEntity<?>>map(bytes -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + "\"").body(bytes))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("not_found", field,
                        "No hay cartas para eso", "No letters for that")));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
