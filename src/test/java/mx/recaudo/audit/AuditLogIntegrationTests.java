package mx.recaudo.audit;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import mx.recaudo.platform.SystemDatabase;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class AuditLogIntegrationTests {
    @Autowired AuditLog audit;
    @Autowired IdentityManagement identity;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired @SystemDatabase JdbcClient system;

    @Test
    void everyWriteIsRecordedWithActorActionAndEntity() {
        var org = TestOrganizations.create(identity, "audit");
        TenantContext.run(org.id(), () -> {
            tx.executeWithoutResult(s -> audit.record("ana", "UPDATE", "customer", "C-1", Map.of("name", "Ana → Anita")));
            var rows = jdbc.queryForList("select actor, action, entity_type, entity_id from audit_event order by id");
            assertThat(rows).extracting(r -> r.get("action")).contains("CREATE", "UPDATE");
            assertThat(rows.getLast()).containsEntry("actor", "ana").containsEntry("entity_id", "C-1");
            assertThat(audit.verifyChain()).isEqualTo(-1);
        });
    }

    @Test
    void theApplicationCannotEditOrDeleteAuditEvents() {
        var org = TestOrganizations.create(identity, "audit-ro");
        TenantContext.run(org.id(), () -> {
            assertThatThrownBy(() -> jdbc.update("delete from audit_event")).isInstanceOf(DataAccessException.class);
            assertThatThrownBy(() -> jdbc.update("update audit_event set actor = 'x'")).isInstanceOf(DataAccessException.class);
        });
    }

    @Test
    void tamperingWithAnEventBreaksTheChain() {
        var org = TestOrganizations.create(identity, "audit-tamper");
        TenantContext.run(org.id(), () -> tx.executeWithoutResult(s -> {
            audit.record("ana", "PAYMENT", "payment", "P-1", Map.of("amount", "100.00"));
            audit.record("ana", "PAYMENT", "payment", "P-2", Map.of("amount", "200.00"));
        }));
        // Even the owner must disable the guard trigger to edit; the chain then shows it.
        system.sql("alter table audit_event disable trigger audit_event_no_update").update();
        try {
            system.sql("update audit_event set details = '{\"amount\": \"1.00\"}' where org_id = ? and entity_id = 'P-1'")
                    .param(org.id()).update();
        } finally {
            system.sql("alter table audit_event enable trigger audit_event_no_update").update();
        }
        TenantContext.run(org.id(), () -> assertThat(audit.verifyChain()).isPositive());
    }
}
