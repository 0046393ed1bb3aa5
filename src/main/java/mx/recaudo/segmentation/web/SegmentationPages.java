package mx.recaudo.segmentation.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.portfolio.Portfolio;
import mx.recaudo.segmentation.ContactChannel;
import mx.recaudo.segmentation.DocumentProblem;
import mx.recaudo.segmentation.InvalidDocumentException;
import mx.recaudo.segmentation.PublishedSegmentation;
import mx.recaudo.segmentation.SegmentationDocuments;
import mx.recaudo.segmentation.Segmentations;
import mx.recaudo.segmentation.Tone;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;

/**
 * The segmentation editor: a form builder (one card per segment, no code), an optional JSON view,
 * a preview of customers and money per segment, and publishing as a new immutable version.
 */
@Controller
class SegmentationPages {
    private final Segmentations segmentations;
    private final Portfolio portfolio;
    private final ObjectMapper json;

    SegmentationPages(Segmentations segmentations, Portfolio portfolio, ObjectMapper json) {
        this.segmentations = segmentations;
        this.portfolio = portfolio;
        this.json = json;
    }

    @GetMapping("/segmentation")
    String edit(@RequestParam(defaultValue = "false") boolean preview, Model model) throws Exception {
        String doc = segmentations.draftDocument();
        fill(model, SegmentRow.fromDocument(json.readTree(doc)), doc);
        if (preview) model.addAttribute("preview", segmentations.preview(doc, portfolio.today()));
        return "segmentation/edit";
    }

    @PostMapping("/segmentation")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    String save(@RequestParam MultiValueMap<String, String> form, Authentication auth, Model model,
                RedirectAttributes flash) throws Exception {
        String action = form.getFirst("action");
        String doc;
        List<SegmentRow> rows;
        if ("json".equals(action)) {
            doc = form.getFirst("document") == null ? "" : form.getFirst("document");
            rows = null;
        } else {
            rows = SegmentRow.fromForm(form);
            doc = SegmentRow.toDocument(rows).toPrettyString();
        }
        try {
            segmentations.saveDraft(doc, auth.getName());
        } catch (InvalidDocumentException e) {
            model.addAttribute("problems", e.problems());
            if (rows == null) {
                try {
                    rows = SegmentRow.fromDocument(json.readTree(doc));
                } catch (Exception notJson) {
                    rows = SegmentRow.fromDocument(json.readTree(segmentations.draftDocument()));
                }
            }
            fill(model, rows, doc);
            return "segmentation/edit";
        }
        if ("publish".equals(action)) {
            int version = segmentations.publishDraft(auth.getName());
            flash.addFlashAttribute("published", version);
            return "redirect:/segmentation";
        }
        flash.addFlashAttribute("saved", true);
        return "redirect:/segmentation?preview=true";
    }

    @PostMapping("/segmentation/discard")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    String discard(Authentication auth) {
        segmentations.discardDraft(auth.getName());
        return "redirect:/segmentation";
    }

    private void fill(Model model, List<SegmentRow> rows, String doc) {
        List<SegmentRow> withBlank = new ArrayList<>(rows);
        withBlank.add(new SegmentRow());
        model.addAttribute("rows", withBlank);
        model.addAttribute("document", pretty(doc));
        model.addAttribute("current", segmentations.published().orElse(null));
        model.addAttribute("versions", segmentations.versions().stream().map(PublishedSegmentation::version).toList());
        model.addAttribute("hasDraft", segmentations.hasDraft());
        model.addAttribute("tones", Tone.values());
        model.addAttribute("channels", ContactChannel.values());
        model.addAttribute("kinds", List.of("INVOICE", "LOAN_INSTALLMENT", "PROMISSORY_NOTE", "CARD", "SERVICE"));
        if (!model.containsAttribute("problems")) model.addAttribute("problems", List.<DocumentProblem>of());
    }

    private String pretty(String doc) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(doc));
        } catch (Exception e) {
            return doc;
        }
    }

    static String defaultDocument() {
        return SegmentationDocuments.defaultDocument();
    }
}
