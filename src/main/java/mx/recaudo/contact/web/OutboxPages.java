package mx.recaudo.contact.web;

import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.contact.ContactTimeline;
import mx.recaudo.identity.IdentityManagement;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Set;

/**
 * The outbox screen: each message as the customer sees it (a phone bubble for SMS and WhatsApp,
 * the rendered email, the letter's text, the voice script), with its status; and a customer's
 * contact timeline as an HTML fragment for the customer 360 page.
 */
@Controller
class OutboxPages {
    static final Set<String> STATUSES = Set.of("PLANNED", "BLOCKED", "QUEUED", "SENDING", "SENT", "DELIVERED", "FAILED",
            "READ", "ANSWERED");
    private final ContactOutbox outbox;
    private final ContactTimeline timeline;
    private final IdentityManagement identity;
    private final mx.recaudo.contact.letter.Letters letters;

    OutboxPages(ContactOutbox outbox, ContactTimeline timeline, IdentityManagement identity,
                mx.recaudo.contact.letter.Letters letters) {
        this.outbox = outbox;
        this.timeline = timeline;
        this.identity = identity;
        this.letters = letters;
    }

    @GetMapping("/contact/outbox")
    String outbox(@RequestParam(required = false) String status, Model model) {
        String s = status != null && STATUSES.contains(status) ? status : null;
        List<ContactOutbox.OutboxMessage> messages = outbox.recent(s, 100);
        model.addAttribute("messages", messages);
        model.addAttribute("counts", outbox.countsByStatus());
        model.addAttribute("status", s);
        model.addAttribute("statuses", List.of("QUEUED", "SENT", "DELIVERED", "FAILED", "BLOCKED", "ANSWERED"));
        model.addAttribute("when", new When(zone()));
        model.addAttribute("batches", letters.batches(null).stream().limit(5).toList());
        model.addAttribute("today", java.time.LocalDate.now(zone()));
        return "contact/outbox";
    }

    /** The customer's contact timeline as a fragment (for the customer 360 page, e.g. loaded with htmx). */
    @GetMapping("/contact/timeline/{customerId}")
    String timeline(@PathVariable long customerId, Model model) {
        model.addAttribute("entries", timeline.of(customerId).reversed());
        model.addAttribute("when", new When(zone()));
        return "contact/timeline :: timeline";
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(identity.currentOrganization().timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("America/Mexico_City");
        }
    }

    /** Formats instants in the organization's time zone, in the user's language. */
    public record When(ZoneId zone) {
        public String at(Instant instant) {
            if (instant == null) return "—";
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                    .withLocale(LocaleContextHolder.getLocale()).withZone(zone).format(instant);
        }
    }
}
