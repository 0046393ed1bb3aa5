package mx.recaudo.identity;

import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class TenantIsolationIntegrationTests {
    @Autowired IdentityManagement identity;
    @Autowired DataSource dataSource;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aConnectionWorkingForOneOrganizationReadsNothingOfAnotherEvenWithHandWrittenSql() throws Exception {
        var a = TestOrganizations.create(identity, "iso-a");
        var b = TestOrganizations.create(identity, "iso-b");
        TenantContext.run(b.id(), () -> jdbc.update(
                "insert into customer (org_id, external_id, name, customer_type) values (?, 'B-1', 'Secreto de B', 'PERSON')",
                b.id()));

        TenantContext.call(a.id(), () -> {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("select count(*) from customer where org_id = '" + b.id() + "'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
                try (ResultSet rs = st.executeQuery("select count(*) from customer where name = 'Secreto de B'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
                try (ResultSet rs = st.executeQuery("select count(*) from app_user where username like '%" + b.org().slug() + "'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
                try (ResultSet rs = st.executeQuery("select count(*) from organization")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1);
                }
                try (ResultSet rs = st.executeQuery("select current_user")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("recaudo_app");
                }
            }
            return null;
        });
        TenantContext.run(b.id(), () -> assertThat(
                jdbc.queryForObject("select count(*) from customer where name = 'Secreto de B'", Long.class)).isEqualTo(1));
    }

    @Test
    void anOrganizationCannotWriteRowsIntoAnother() {
        var a = TestOrganizations.create(identity, "iso-w1");
        var b = TestOrganizations.create(identity, "iso-w2");
        assertThatThrownBy(() -> TenantContext.run(a.id(), () -> jdbc.update(
                "insert into customer (org_id, external_id, name, customer_type) values (?, 'X', 'Intruso', 'PERSON')",
                b.id())))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("row-level security");
    }

    @Test
    void withoutAnOrganizationAConnectionSeesNothing() {
        var a = TestOrganizations.create(identity, "iso-none");
        TenantContext.run(a.id(), () -> jdbc.update(
                "insert into customer (org_id, external_id, name, customer_type) values (?, 'N-1', 'Alguien', 'PERSON')", a.id()));
        assertThat(jdbc.queryForObject("select count(*) from customer", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from organization", Long.class)).isZero();
    }

    @Test
    void apiTokensAreStoredOnlyAsHashes() {
        var a = TestOrganizations.create(identity, "iso-tok");
        TenantContext.run(a.id(), () -> {
            byte[] stored = jdbc.queryForObject("select token_hash from api_token limit 1", byte[].class);
            assertThat(stored).hasSize(32);
            assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(a.token());
        });
        assertThat(identity.findUserByToken(a.token())).map(RecaudoUser::orgId).contains(a.id());
        assertThat(identity.findUserByToken(a.token() + "x")).isEmpty();
    }

    @Test
    void passwordsAreHashedWithArgon2id() {
        var a = TestOrganizations.create(identity, "iso-pw");
        RecaudoUser user = identity.findUserForLogin(a.adminUsername()).orElseThrow();
        assertThat(user.passwordHash()).startsWith("{argon2}$argon2id$");
    }
}
