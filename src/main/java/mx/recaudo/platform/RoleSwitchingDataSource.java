package mx.recaudo.platform;

import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;

/**
 * Sets the database role and organization of every connection as it leaves the pool, so that a
 * pooled connection never carries a previous user's tenant. Tenant connections run as the
 * application role under row-level security; system connections run as the schema owner.
 * <p>
 * The settings are session-level and set in autocommit mode, so they stay until set again: a
 * physical connection that already carries the wanted role and organization is handed out without
 * the extra round trip (most checkouts of a busy node), remembered per physical connection.
 */
final class RoleSwitchingDataSource extends DelegatingDataSource {
    /** What each physical connection was last set to; weak keys, so closed connections drop out. */
    private static final Map<Object, String> SESSION_SETTINGS = Collections.synchronizedMap(new WeakHashMap<>());

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
        String wanted = role + "/" + org;
        try {
            Object physical = physical(connection);
            // Outside autocommit a rollback could undo the settings, so they are only trusted when set committed.
            boolean durable = connection.getAutoCommit();
            if (durable && wanted.equals(SESSION_SETTINGS.get(physical))) return connection;
            SESSION_SETTINGS.remove(physical);
            try (PreparedStatement ps = connection.prepareStatement(
                    "select set_config('role', ?, false), set_config('recaudo.org_id', ?, false)")) {
                ps.setString(1, role);
                ps.setString(2, org);
                ps.execute();
            }
            if (durable) SESSION_SETTINGS.put(physical, wanted);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static Object physical(Connection connection) throws SQLException {
        return connection.isWrapperFor(org.postgresql.PGConnection.class)
                ? connection.unwrap(org.postgresql.PGConnection.class) : connection;
    }
}
