package mx.recaudo.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import mx.recaudo.shared.TenantContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One physical connection handed out again and again: it must always carry the current caller's role and organization. */
@SpringBootTest
class RoleSwitchingDataSourceIntegrationTests {
    @Autowired RecaudoProperties properties;

    private HikariDataSource onePhysicalConnection;
    private DataSource tenant;
    private DataSource system;

    @BeforeEach
    void onePooledConnection() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(properties.db().url());
        config.setUsername(properties.db().user());
        config.setPassword(properties.db().password());
        config.setMaximumPoolSize(1);
        config.setAutoCommit(true);
        onePhysicalConnection = new HikariDataSource(config);
        tenant = RoleSwitchingDataSource.tenant(onePhysicalConnection, properties.db().appRole());
        system = RoleSwitchingDataSource.system(onePhysicalConnection);
    }

    @AfterEach
    void close() {
        onePhysicalConnection.close();
    }

    @Test
    void theSamePhysicalConnectionAlwaysCarriesTheCurrentRoleAndOrganization() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        assertThat(TenantContext.call(a, () -> session(tenant))).isEqualTo(properties.db().appRole() + " " + a);
        assertThat(TenantContext.call(a, () -> session(tenant))).isEqualTo(properties.db().appRole() + " " + a);
        assertThat(TenantContext.call(b, () -> session(tenant))).isEqualTo(properties.db().appRole() + " " + b);
        assertThat(TenantContext.call(b, () -> session(system))).isEqualTo(properties.db().user() + " ");
        assertThat(TenantContext.call(a, () -> session(tenant))).isEqualTo(properties.db().appRole() + " " + a);
        assertThat(session(tenant)).isEqualTo(properties.db().appRole() + " ");
    }

    @Test
    void settingsMadeInsideARolledBackTransactionAreNotTrusted() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertThat(TenantContext.call(a, () -> session(tenant))).endsWith(a.toString());

        // A caller that takes the connection out of autocommit before the settings are made...
        try (Connection c = onePhysicalConnection.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("select set_config('recaudo.org_id', '" + b + "', false)");
            }
            c.rollback();
            c.setAutoCommit(true);
        }
        // ...leaves the session as it was, and the data source still hands out organization a correctly.
        assertThat(TenantContext.call(a, () -> session(tenant))).endsWith(a.toString());
        assertThat(TenantContext.call(b, () -> session(tenant))).endsWith(b.toString());
    }

    private static String session(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_user, current_setting('recaudo.org_id', true)")) {
            rs.next();
            return rs.getString(1) + " " + (rs.getString(2) == null ? "" : rs.getString(2));
        }
    }
}
