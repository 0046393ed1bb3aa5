package mx.recaudo.strategy.web;

import mx.recaudo.segmentation.Segmentations;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.strategy.CollectionRuns;
import mx.recaudo.strategy.PriceList;
import mx.recaudo.strategy.RunView;
import mx.recaudo.strategy.Strategies;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The strategy home (segments, the ladder, the runs), starting a run, and a run's live progress and report. */
@Controller
class StrategyPages {
    private final CollectionRuns runs;
    private final Strategies strategies;
    private final Segmentations segmentations;
    private final PriceList prices;
    private final ScheduledExecutorService ticker = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "run-progress-sse");
        t.setDaemon(true);
        return t;
    });

    StrategyPages(CollectionRuns runs, Strategies strategies, Segmentations segmentations, PriceList prices) {
        this.runs = runs;
        this.strategies = strategies;
        this.segmentations = segmentations;
        this.prices = prices;
    }

    @GetMapping("/strategy")
    String home(Model model) {
        model.addAttribute("today", runs.today());
        model.addAttribute("runs", runs.recent(15));
        model.addAttribute("segmentation", segmentations.active());
        model.addAttribute("strategies", strategies.active());
        model.addAttribute("dailyRunHour", runs.dailyRunHour().orElse(null));
        model.addAttribute("prices", prices.prices().values());
        return "strategy/home";
    }

    @PostMapping("/strategy/runs")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    String start(@RequestParam(required = false) String asOf, @RequestParam(defaultValue = "false") boolean dryRun,
                 Authentication auth, RedirectAttributes flash) {
        LocalDate date;
        try {
            date = asOf == null || asOf.isBlank() ? runs.today() : LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            flash.addFlashAttribute("runError", true);
            return "redirect:/strategy";
        }
        UUID id = runs.start(date, dryRun, "WEB", auth.getName());
        return "redirect:/strategy/runs/" + id;
    }

    @PostMapping("/strategy/schedule")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    String schedule(@RequestParam(required = false) String hour, Authentication auth) {
        Integer h = null;
        try {
            if (hour != null && !hour.isBlank()) h = Integer.parseInt(hour.strip());
        } catch (NumberFormatException e) {
            return "redirect:/strategy";
        }
        if (h != null && (h < 0 || h > 23)) return "redirect:/strategy";
        runs.scheduleDaily(h, auth.getName());
        return "redirect:/strategy";
    }

    @GetMapping("/strategy/runs/{id}")
    String run(@PathVariable UUID id, Model model) {
        RunView run = runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("run", run);
        if (run.finished()) {
            model.addAttribute("report", runs.report(id));
            model.addAttribute("cost", runs.estimatedCost(id));
            if (!run.dryRun()) model.addAttribute("handover", runs.handoverCounts(id));
        }
        return "strategy/run";
    }

    /**
     * The customer 360 page's "segment and stage" card, as an HTML fragment loaded by htmx (the
     * portfolio module cannot call this module: that would be a cycle).
     */
    @GetMapping("/strategy/customers/{id}/ladder")
    String customerLadder(@PathVariable long id, Model model) {
        model.addAttribute("position", strategies.positionOf(id).orElse(null));
        model.addAttribute("history", strategies.historyOf(id));
        model.addAttribute("actions", strategies.plannedActionsOf(id, 10));
        return "strategy/customer :: ladder";
    }

    /** Live progress: an event every half second while the run works, then "done". */
    @GetMapping(value = "/strategy/runs/{id}/events", produces = "text/event-stream")
    SseEmitter events(@PathVariable UUID id) {
        UUID org = TenantContext.require();
        SseEmitter emitter = new SseEmitter(60 * 60_000L);
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable tick = () -> {
            try {
                RunView run = TenantContext.call(org, () -> runs.find(id).orElseThrow());
                emitter.send(SseEmitter.event().name(run.finished() ? "done" : "progress")
                        .data(RunApi.view(runs, run, false)));
                if (run.finished()) {
                    emitter.complete();
                    cancel(task);
                }
            } catch (Exception e) {
                emitter.completeWithError(e);
                cancel(task);
            }
        };
        task.set(ticker.scheduleAtFixedRate(tick, 100, 500, TimeUnit.MILLISECONDS));
        emitter.onCompletion(() -> cancel(task));
        emitter.onTimeout(() -> cancel(task));
        return emitter;
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> f = task.get();
        if (f != null) f.cancel(false);
    }
}
