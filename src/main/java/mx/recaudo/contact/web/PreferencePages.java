package mx.recaudo.contact.web;

import mx.recaudo.contact.ContactPreferences;
import mx.recaudo.contact.guard.InconvenientTime;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The contact preferences section of the customer 360 page, an htmx fragment:
 * {@code GET /contact/preferences/{customerId}} lists the times and days the customer asked not to
 * be contacted, with a form to add one and a button to remove each; both post here and get the
 * section back (with the problems, field by field, when the window is not valid).
 */
@Controller
class PreferencePages {
    private final ContactPreferences preferences;

    PreferencePages(ContactPreferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping("/contact/preferences/{customerId}")
    String section(@PathVariable long customerId, Model model) {
        model.addAttribute("customerId", customerId);
        model.addAttribute("windows", preferences.inconvenientTimes(customerId));
        model.addAttribute("days", java.time.DayOfWeek.values());
        return "contact/preferences :: section";
    }

    @PostMapping("/contact/preferences/{customerId}")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
    String add(@PathVariable long customerId, @RequestParam(required = false) String channel,
               @RequestParam(required = false) List<String> days, @RequestParam(required = false) String from,
               @RequestParam(required = false) String to, Model model) {
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        List<InconvenientTime> parsed = InconvenientTimeForms.parse(
                List.of(new InconvenientTimeForms.Input(channel, days, from, to)), problems);
        if (!problems.isEmpty()) {
            model.addAttribute("problems", problems);
            model.addAttribute("form", new InconvenientTimeForms.Input(channel, days == null ? List.of() : days, from, to));
            return section(customerId, model);
        }
        List<InconvenientTime> all = new ArrayList<>(preferences.inconvenientTimes(customerId).stream()
                .map(ContactPreferences.Stored::time).toList());
        all.addAll(parsed);
        if (all.size() > ContactPreferences.MAX_WINDOWS) {
            model.addAttribute("problems", List.of(new ApiError.FieldProblem("inconvenientTimes",
                    "Como máximo " + ContactPreferences.MAX_WINDOWS + " horarios por cliente",
                    "At most " + ContactPreferences.MAX_WINDOWS + " times per customer")));
            return section(customerId, model);
        }
        save(customerId, all);
        model.addAttribute("saved", true);
        return section(customerId, model);
    }

    @PostMapping("/contact/preferences/{customerId}/{windowId}/removal")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
    String remove(@PathVariable long customerId, @PathVariable long windowId, Model model) {
        save(customerId, preferences.inconvenientTimes(customerId).stream().filter(s -> s.id() != windowId)
                .map(ContactPreferences.Stored::time).toList());
        model.addAttribute("saved", true);
        return section(customerId, model);
    }

    private void save(long customerId, List<InconvenientTime> times) {
        try {
            preferences.replace(customerId, times, "AGENT");
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
