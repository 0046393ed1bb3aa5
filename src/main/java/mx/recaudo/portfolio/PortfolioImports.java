package mx.recaudo.portfolio;

import mx.recaudo.portfolio.importing.ImportJobs;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The portfolio module's import API, for the web, the REST API, the command line and the demo. */
@Service
public class PortfolioImports {
    private final ImportJobs jobs;

    PortfolioImports(ImportJobs jobs) {
        this.jobs = jobs;
    }

    /** Stores the file and queues it; a worker on any node runs it. Needs a bound organization. */
    public UUID submit(String fileName, InputStream content, ImportMode mode, Map<String, String> mapping,
                       String source, String actor) throws IOException {
        return jobs.submit(fileName, content, mode, mapping, source, actor);
    }

    /** Imports a local file in the calling thread and returns the finished job. */
    public ImportJob importNow(String fileName, InputStream content, long size, ImportMode mode,
                               Map<String, String> mapping, String source, String actor) {
        return jobs.runLocal(fileName, content, size, mode, mapping, source, actor);
    }

    public Optional<ImportJob> find(UUID id) {
        return jobs.find(id);
    }

    public List<ImportJob> recent(int limit) {
        return jobs.recent(limit);
    }

    public void writeErrorReport(UUID id, Writer out) throws IOException {
        jobs.writeIssueReport(id, out);
    }
}
