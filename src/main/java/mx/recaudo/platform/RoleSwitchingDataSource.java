package mx.recaudo.platform;

import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Sets the database role and organization of every connection as it leaves the pool, so that a
 * pooled connection never carries a previous user's tenant. Tenant connections run as the
 * application role under row-level security; system connections run as the schema owner.
 */
final class RoleSwitchingDataSource extends DelegatingDataSource {
    private final String role;
    private final boolean tenant;

    private RoleSwitchingDataSource(DataSource pool, String role, boolean tenant) {
        super(pool);
        this.role = role;
        this.tenant = tenant;
    }

    static RoleSwitchingDataSource tenant(DataSource pool, String appRole) {
        return new RoleSwitchingDataSource(pool, appRole, true);
    }

    static RoleSwitchingDataSource system(DataSource pool) {
        return new RoleSwitchingDataSource(pool, "none", false);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return prepare(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return prepare(super.getConnection(username, password));
    }

    private Connection prepare(Connection connection) throws SQLException {
        String org = tenant ? TenantContext.current().map(UUID::toString).orElse("") : "";
        try (PreparedStatement ps = connection.prepareStatement(
                "select set_config('role', ?, false), set_config('recaudo.org_id', ?, false)")) {
            ps.setString(1, role);
            ps.setString(2, org);
            ps.execute();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
