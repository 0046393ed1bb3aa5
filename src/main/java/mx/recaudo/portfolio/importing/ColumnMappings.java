package mx.recaudo.portfolio.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.audit.AuditLog;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Saved column mappings per organization: canonical column → the header a customer's file uses. */
@Service
public class ColumnMappings {
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final AuditLog audit;

    ColumnMappings(JdbcClient jdbc, ObjectMapper json, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
    }

    public record Problem(String field, String es, String en) {}

    /** Every key must be a canonical column; values must be non-empty. */
    public static List<Problem> check(Map<String, String> mapping) {
        List<Problem> problems = new ArrayList<>();
        mapping.forEach((canonical, header) -> {
            if (CanonicalColumn.fromHeader(canonical).isEmpty()) {
                problems.add(new Problem(canonical, "'" + canonical + "' no es una columna canónica",
                        "'" + canonical + "' is not a canonical column"));
            } else if (header == null || header.isBlank()) {
                problems.add(new Problem(canonical, "Falta la columna del archivo para '" + canonical + "'",
                        "The file column for '" + canonical + "' is missing"));
            }
        });
        return problems;
    }

    public List<String> names() {
        return jdbc.sql("select name from column_mapping order by name").query(String.class).list();
    }

    public Optional<Map<String, String>> find(String name) {
        return jdbc.sql("select mapping::text from column_mapping where name = ?").param(name).query(String.class)
                .optional().map(this::parse);
    }

    @Transactional
    public void save(String name, Map<String, String> mapping) {
        List<Problem> problems = check(mapping);
        if (!problems.isEmpty()) throw new IllegalArgumentException(problems.getFirst().en());
        jdbc.sql("""
                insert into column_mapping (id, org_id, name, mapping) values (?, ?, ?, ?::jsonb)
                on conflict (org_id, name) do update set mapping = excluded.mapping""")
                .params(UUID.randomUUID(), TenantContext.require(), name, toJson(mapping)).update();
        audit.record("SAVE", "column_mapping", name, Map.of("mapping", mapping));
    }

    private Map<String, String> parse(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Map<String, String> mapping) {
        try {
            return json.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
