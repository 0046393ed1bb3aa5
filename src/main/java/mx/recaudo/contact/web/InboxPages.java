package mx.recaudo.contact.web;

import mx.recaudo.contact.AgentInbox;
import mx.recaudo.contact.letter.Letters;
import mx.recaudo.identity.IdentityManagement;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/** The agent inbox (what customers wrote or keyed that needs a person) and the letters' PDFs for the web pages. */
@Controller
class InboxPages {
    private final AgentInbox inbox;
    private final Letters letters;
    private final IdentityManagement identity;

    InboxPages(AgentInbox inbox, Letters letters, IdentityManagement identity) {
        this.inbox = inbox;
        this.letters = letters;
        this.identity = identity;
    }

    @GetMapping("/contact/inbox")
    String inbox(Model model) {
        model.addAttribute("items", inbox.open(200));
        model.addAttribute("handled", inbox.handled(20));
        model.addAttribute("when", new OutboxPages.When(zone()));
        return "contact/inbox";
    }

    /** Marks an item handled; with htmx the item's row is replaced by a short confirmation. */
    @PostMapping("/contact/inbox/{id}/handled")
    String handled(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        boolean done = inbox.markHandled(id);
        if (htmx == null) return "redirect:/contact/inbox";
        model.addAttribute("done", done);
        model.addAttribute("id", id);
        return "contact/inbox :: handledRow";
    }

    @GetMapping("/contact/letters/{messageId}.pdf")
    ResponseEntity<byte[]> letter(@PathVariable long messageId) {
        return pdf(letters.letterOf(messageId), "carta-" + messageId + ".pdf");
    }

    @GetMapping("/contact/letters/batches/{id}.pdf")
    ResponseEntity<byte[]> batch(@PathVariable long id) {
        return pdf(letters.batchPdf(id), "lote-cartas-" + id + ".pdf");
    }

    @GetMapping("/contact/letters/planned.pdf")
    ResponseEntity<byte[]> planned(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return pdf(letters.plannedFor(date), "cartas-" + date + ".pdf");
    }

    private static ResponseEntity<byte[]> pdf(Optional<byte[]> pdf, String filename) {
        return pdf.map(bytes -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + "\"").body(bytes))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(identity.currentOrganization().timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("America/Mexico_City");
        }
    }
}
