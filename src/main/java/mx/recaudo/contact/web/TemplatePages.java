package mx.recaudo.contact.web;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactTemplates;
import mx.recaudo.contact.template.TemplateText;
import mx.recaudo.contact.voice.VoiceScript;
import mx.recaudo.portfolio.Portfolio;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The template editor: templates per channel, language and tone; editing with a live preview
 * (htmx) that renders the draft with a real customer's data, shows the linter's warnings inline and,
 * for SMS, the encoding and segment count.
 */
@Controller
class TemplatePages {
    static final List<String> TONES = List.of("FRIENDLY", "NEUTRAL", "FIRM");
    static final List<String> LANGUAGES = List.of("es", "en");
    private final ContactTemplates templates;
    private final Portfolio portfolio;
    private final JdbcClient jdbc;

    TemplatePages(ContactTemplates templates, Portfolio portfolio, JdbcClient jdbc) {
        this.templates = templates;
        this.portfolio = portfolio;
        this.jdbc = jdbc;
    }

    /** The editor's form. */
    public record Form(Long id, String name, String channel, String language, String tone, Boolean firstContact,
                       String subject, String body, String whatsappName, String whatsappLanguage, String previewCustomer) {
        ContactTemplates.Draft draft() {
            Channel c;
            try {
                c = Channel.parse(channel);
            } catch (RuntimeException e) {
                c = Channel.SMS;
            }
            return new ContactTemplates.Draft(name, c, language, tone, Boolean.TRUE.equals(firstContact), subject, body == null ? "" : body,
                    whatsappName, whatsappLanguage);
        }

        static Form of(ContactTemplates.Template t, String customer) {
            return new Form(t.id(), t.name(), t.channel().name(), t.language(), t.tone(), t.firstContact(), t.subject(),
                    t.body(), t.whatsappName(), t.whatsappLanguage(), customer);
        }
    }

    @GetMapping("/contact/templates")
    String list(@RequestParam(required = false) String channel, Model model) {
        List<ContactTemplates.Template> all = templates.list();
        model.addAttribute("templates", channel == null || channel.isBlank() ? all
                : all.stream().filter(t -> t.channel().name().equals(channel)).toList());
        model.addAttribute("channel", channel);
        model.addAttribute("channels", Channel.values());
        return "contact/templates";
    }

    @GetMapping("/contact/templates/new")
    String create(@RequestParam(defaultValue = "SMS") String channel, Model model) {
        Form form = new Form(null, "", channel, "es", "FRIENDLY", false, "", "", null, null, firstCustomer().orElse(""));
        return editor(form, List.of(), model);
    }

    @GetMapping("/contact/templates/{id}")
    String edit(@PathVariable long id, @RequestParam(required = false) String saved, Model model) {
        var t = templates.find(id);
        if (t.isEmpty()) return "redirect:/contact/templates";
        model.addAttribute("saved", saved != null);
        return editor(Form.of(t.get(), firstCustomer().orElse("")), List.of(), model);
    }

    @PostMapping("/contact/templates")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    String save(@ModelAttribute Form form, Model model) {
        List<String> errors = new ArrayList<>();
        if (form.name() == null || form.name().isBlank()) errors.add("contact.templates.error.name");
        if (form.body() == null || form.body().isBlank()) errors.add("contact.templates.error.body");
        else if (!TemplateText.unknownVariables(form.body()).isEmpty()) errors.add("contact.templates.error.variables");
        if (!TONES.contains(form.tone())) errors.add("contact.templates.error.tone");
        if (!errors.isEmpty()) return editor(form, errors, model);
        long id = templates.save(form.draft());
        return "redirect:/contact/templates/" + id + "?saved";
    }

    /** The live preview fragment (htmx): the draft rendered for the chosen customer, warnings and SMS segments. */
    @PostMapping("/contact/templates/preview")
    String preview(@ModelAttribute Form form, Model model) {
        previewInto(form, model);
        return "contact/template-edit :: preview";
    }

    private String editor(Form form, List<String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("tones", TONES);
        model.addAttribute("languages", LANGUAGES);
        model.addAttribute("variables", TemplateText.VARIABLES.stream().sorted().toList());
        if (!model.containsAttribute("saved")) model.addAttribute("saved", false);
        previewInto(form, model);
        return "contact/template-edit";
    }

    private void previewInto(Form form, Model model) {
        Optional<Long> customer = form.previewCustomer() == null || form.previewCustomer().isBlank() ? Optional.empty()
                : portfolio.findIdByExternalId(form.previewCustomer().strip());
        ContactTemplates.DraftPreview p = templates.previewDraft(form.draft(), customer.orElse(null));
        model.addAttribute("preview", p);
        model.addAttribute("previewChannel", form.draft().channel().name());
        model.addAttribute("sampleData", customer.isEmpty());
        model.addAttribute("spoken", form.draft().channel() == Channel.VOICE ? VoiceScript.speakable(p.rendered().body()) : null);
        model.addAttribute("html", p.rendered().body() != null && p.rendered().body().stripLeading().startsWith("<"));
    }

    private Optional<String> firstCustomer() {
        return jdbc.sql("select external_id from customer order by id limit 1").query(String.class).optional();
    }
}
