package mx.recaudo.strategy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.segmentation.DocumentProblem;
import mx.recaudo.segmentation.InvalidDocumentException;
import mx.recaudo.segmentation.Segment;
import mx.recaudo.segmentation.Segmentations;
import mx.recaudo.segmentation.Tone;
import mx.recaudo.strategy.ActionType;
import mx.recaudo.strategy.Strategies;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The strategy editor (a form, no code): one strategy at a time — segments it serves, channel
 * fallback order, champion/challenger variants with their traffic split, and each variant's steps
 * by DPD range with action, template, tone and conditions. Saving publishes the whole strategies
 * document as a new immutable version through the same model the API uses; when it is invalid,
 * nothing changes and every problem is shown by its field.
 */
@Controller
class StrategyEditorPages {
    private final Strategies strategies;
    private final Segmentations segmentations;
    private final ObjectMapper json;

    StrategyEditorPages(Strategies strategies, Segmentations segmentations, ObjectMapper json) {
        this.strategies = strategies;
        this.segmentations = segmentations;
        this.json = json;
    }

    @GetMapping("/strategy/editor")
    String edit(@RequestParam(defaultValue = "0") int index, Model model) throws Exception {
        JsonNode doc = json.readTree(strategies.activeDocument());
        JsonNode list = doc.path("strategies");
        if (index < 0 || index >= list.size()) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        fill(model, doc, index, StrategyForm.of(list.get(index)).withBlankRows(), Map.of());
        return "strategy/editor";
    }

    @PostMapping("/strategy/editor")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    String save(@RequestParam(defaultValue = "0") int index, @RequestParam MultiValueMap<String, String> params,
                Authentication auth, Model model, RedirectAttributes flash) throws Exception {
        JsonNode doc = json.readTree(strategies.activeDocument());
        if (index < 0 || index >= doc.path("strategies").size()) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        StrategyForm form = StrategyForm.of(params);
        JsonNode edited = form.into(doc, index);
        try {
            int version = strategies.publish(edited.toString(), auth.getName());
            flash.addFlashAttribute("published", version);
            return "redirect:/strategy/editor?index=" + index;
        } catch (InvalidDocumentException e) {
            fill(model, doc, index, form, form.problemsByField(e.problems(), index));
            model.addAttribute("problems", e.problems());
            return "strategy/editor";
        }
    }

    private void fill(Model model, JsonNode doc, int index, StrategyForm form, Map<String, List<DocumentProblem>> byField) {
        List<String[]> others = new ArrayList<>();
        JsonNode list = doc.path("strategies");
        for (int i = 0; i < list.size(); i++) others.add(new String[]{Integer.toString(i), list.get(i).path("name").asText()});
        model.addAttribute("index", index);
        model.addAttribute("form", form);
        model.addAttribute("strategyList", others);
        model.addAttribute("version", strategies.published().map(Strategies.PublishedStrategies::version).orElse(0));
        model.addAttribute("segmentKeys", segmentations.active().segments().stream().map(Segment::key).toList());
        model.addAttribute("actions", ActionType.values());
        model.addAttribute("automated", Arrays.stream(ActionType.values()).filter(a -> a.agentQueue() == null).toList());
        model.addAttribute("fallbackSlots", StrategyForm.FALLBACK_SLOTS);
        model.addAttribute("tones", Tone.values());
        model.addAttribute("fieldProblems", new java.util.HashMap<>(byField));
        if (!model.containsAttribute("problems")) model.addAttribute("problems", List.<DocumentProblem>of());
    }
}
