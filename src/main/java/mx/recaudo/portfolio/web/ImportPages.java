package mx.recaudo.portfolio.web;

import jakarta.servlet.http.HttpServletResponse;
import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;
import mx.recaudo.portfolio.importing.ColumnMappings;
import mx.recaudo.portfolio.importing.ImportJobs;
import mx.recaudo.portfolio.importing.MappingGuess;
import mx.recaudo.portfolio.importing.UnusableFileException;
import mx.recaudo.shared.TenantContext;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Upload a portfolio file, map its columns, watch the import run, read its summary and error report. */
@Controller
class ImportPages {
    private final ImportJobs jobs;
    private final ColumnMappings mappings;
    private final ScheduledExecutorService ticker = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "import-progress-sse");
        t.setDaemon(true);
        return t;
    });

    ImportPages(ImportJobs jobs, ColumnMappings mappings) {
        this.jobs = jobs;
        this.mappings = mappings;
    }

    @GetMapping("/imports")
    String list(Model model) {
        model.addAttribute("jobs", jobs.recent(20));
        model.addAttribute("mappings", mappings.names());
        return "imports/list";
    }

    @PostMapping("/imports")
    String upload(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "UPSERT") String mode,
                  @RequestParam(required = false) String mapping, Authentication auth, RedirectAttributes flash)
            throws IOException {
        if (file == null || file.isEmpty()) {
            flash.addFlashAttribute("uploadError", "import.error.noFile");
            return "redirect:/imports";
        }
        ImportMode importMode = "SNAPSHOT".equalsIgnoreCase(mode) ? ImportMode.SNAPSHOT : ImportMode.UPSERT;
        UUID id;
        try (InputStream in = file.getInputStream()) {
            id = jobs.draft(file.getOriginalFilename() == null ? "archivo" : file.getOriginalFilename(), in, importMode,
                    auth.getName());
        }
        List<String> header;
        try {
            header = jobs.header(id);
        } catch (UnusableFileException e) {
            jobs.fail(id, e);
            return "redirect:/imports/" + id;
        }
        Map<String, String> chosen = mapping == null || mapping.isBlank() ? Map.of()
                : mappings.find(mapping).orElse(Map.of());
        if (jobs.mappingProblems(header, chosen).isEmpty()) {
            jobs.queue(id, chosen, auth.getName());
            return "redirect:/imports/" + id;
        }
        return "redirect:/imports/" + id + "/mapping";
    }

    @GetMapping("/imports/{id}/mapping")
    String mappingForm(@PathVariable UUID id, Model model) throws IOException {
        ImportJob job = jobs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (job.status() != ImportJob.Status.DRAFT) return "redirect:/imports/" + id;
        List<String> header = jobs.header(id);
        model.addAttribute("job", job);
        model.addAttribute("header", header);
        model.addAttribute("guess", MappingGuess.guess(header));
        model.addAttribute("columns", MappingGuess.canonicalHeaders());
        return "imports/mapping";
    }

    @PostMapping("/imports/{id}/mapping")
    String saveMapping(@PathVariable UUID id, @RequestParam Map<String, String> form,
                       @RequestParam(required = false) String saveAs, Authentication auth, Model model)
            throws IOException {
        ImportJob job = jobs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (job.status() != ImportJob.Status.DRAFT) return "redirect:/imports/" + id;
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String column : MappingGuess.canonicalHeaders()) {
            String v = form.get("col_" + column);
            if (v != null && !v.isBlank()) mapping.put(column, v);
        }
        List<String> header = jobs.header(id);
        List<String> problems = jobs.mappingProblems(header, mapping);
        if (!problems.isEmpty()) {
            model.addAttribute("job", job);
            model.addAttribute("header", header);
            model.addAttribute("guess", mapping);
            model.addAttribute("columns", MappingGuess.canonicalHeaders());
            model.addAttribute("problems", problems);
            return "imports/mapping";
        }
        if (saveAs != null && !saveAs.isBlank()) mappings.save(saveAs.strip(), mapping);
        jobs.queue(id, mapping, auth.getName());
        return "redirect:/imports/" + id;
    }

    @GetMapping("/imports/{id}")
    String show(@PathVariable UUID id, Model model) {
        ImportJob job = jobs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("job", job);
        if (job.finished()) model.addAttribute("issues", jobs.issues(id, 50));
        return "imports/show";
    }

    /** Live progress: one event per half second while the import runs, then a final "done". */
    @GetMapping(value = "/imports/{id}/events", produces = "text/event-stream")
    SseEmitter events(@PathVariable UUID id) {
        UUID org = TenantContext.require();
        SseEmitter emitter = new SseEmitter(30 * 60_000L);
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable tick = () -> {
            try {
                ImportJob job = TenantContext.call(org, () -> jobs.find(id).orElseThrow());
                emitter.send(SseEmitter.event().name(job.finished() ? "done" : "progress").data(ImportApi.view(job)));
                if (job.finished()) {
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

    @GetMapping("/imports/{id}/errors.csv")
    void errors(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        jobs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"errores-importacion-" + id + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        jobs.writeIssueReport(id, out);
        out.flush();
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> f = task.get();
        if (f != null) f.cancel(false);
    }
}
