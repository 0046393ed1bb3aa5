package mx.recaudo.identity;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The identity module's API: organizations, users and API tokens. */
@Service
public class IdentityManagement {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;
    private final JdbcClient system;
    private final TransactionTemplate systemTx;
    private final TransactionTemplate tx;
    private final PasswordEncoder passwords;
    private final AuditLog audit;

    IdentityManagement(JdbcClient jdbc, @SystemDatabase JdbcClient system, @SystemDatabase TransactionTemplate systemTx,
                       TransactionTemplate tx, PasswordEncoder passwords, AuditLog audit) {
        this.jdbc = jdbc;
        this.system = system;
        this.systemTx = systemTx;
        this.tx = tx;
        this.passwords = passwords;
        this.audit = audit;
    }

    public Optional<Organization> findOrganizationBySlug(String slug) {
        return system.sql("select * from organization where slug = ?").param(slug)
                .query((rs, i) -> new Organization(rs.getObject("id", UUID.class), rs.getString("slug"),
                        rs.getString("name"), rs.getString("legal_name"), rs.getString("tax_id"),
                        rs.getString("country"), rs.getString("default_currency"), rs.getString("time_zone"),
                        rs.getString("locale")))
                .optional();
    }

    /** Every organization (platform view, for the command line and start-up). */
    public java.util.List<Organization> organizations() {
        return system.sql("select * from organization order by created_at")
                .query((rs, i) -> new Organization(rs.getObject("id", UUID.class), rs.getString("slug"),
                        rs.getString("name"), rs.getString("legal_name"), rs.getString("tax_id"),
                        rs.getString("country"), rs.getString("default_currency"), rs.getString("time_zone"),
                        rs.getString("locale")))
                .list();
    }

    /** The organization bound to the current thread. */
    public Organization currentOrganization() {
        UUID org = TenantContext.require();
        return jdbc.sql("select * from organization where id = ?").param(org)
                .query((rs, i) -> new Organization(rs.getObject("id", UUID.class), rs.getString("slug"),
                        rs.getString("name"), rs.getString("legal_name"), rs.getString("tax_id"),
                        rs.getString("country"), rs.getString("default_currency"), rs.getString("time_zone"),
                        rs.getString("locale")))
                .single();
    }

    /** Creating a tenant is a platform operation, not done on behalf of an organization. */
    public Organization createOrganization(String slug, String name, String legalName, String taxId,
                                           String defaultCurrency, String timeZone) {
        UUID id = UUID.randomUUID();
        systemTx.executeWithoutResult(s -> system.sql("""
                insert into organization (id, slug, name, legal_name, tax_id, default_currency, time_zone)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, slug, name, legalName, taxId, defaultCurrency, timeZone).update());
        TenantContext.run(id, () -> tx.executeWithoutResult(s ->
                audit.record("CREATE", "organization", id.toString(), Map.of("slug", slug, "name", name))));
        return findOrganizationBySlug(slug).orElseThrow();
    }

    /**
     * Sets how the bound organization identifies itself as collector in its messages (name, phone,
     * address, hours; the templates' {@code {{companyContact}}}); blank clears it. Audited.
     */
    public void setCollectorIdentification(String text) {
        UUID org = TenantContext.require();
        String value = text == null || text.isBlank() ? null : text.strip();
        // the change and its audit event commit together (the organization's own row is visible under RLS)
        tx.executeWithoutResult(s -> {
            jdbc.sql("update organization set collector_identification = ? where id = ?").params(value, org).update();
            audit.record("COLLECTOR_IDENTIFICATION_CHANGED", "organization", org.toString(),
                    Map.of("collectorIdentification", value == null ? "" : value));
        });
    }

    /** The bound organization's collector identification, if configured. */
    public Optional<String> collectorIdentification() {
        UUID org = TenantContext.require();
        return system.sql("select collector_identification from organization where id = ?").param(org)
                .query(String.class).optional().filter(v -> v != null && !v.isBlank());
    }

    /**
     * Sets what the bound organization's messages show as its complaints unit (the templates'
     * {@code {{complaintsUnit}}}: e.g. its UNE, with e-mail and phone) and its conditions to settle
     * ({@code {{settleConditions}}}); blank clears one. Audited when something changes.
     */
    public void setMessageDisclosures(String complaintsUnit, String settleConditions) {
        UUID org = TenantContext.require();
        String complaints = complaintsUnit == null || complaintsUnit.isBlank() ? null : complaintsUnit.strip();
        String settle = settleConditions == null || settleConditions.isBlank() ? null : settleConditions.strip();
        // the change and its audit event commit together (the organization's own row is visible under RLS)
        tx.executeWithoutResult(s -> {
            int changed = jdbc.sql("""
                    update organization set complaints_unit = ?, settle_conditions = ?
                     where id = ? and (complaints_unit is distinct from ? or settle_conditions is distinct from ?)""")
                    .params(complaints, settle, org, complaints, settle).update();
            if (changed > 0) {
                audit.record("MESSAGE_DISCLOSURES_CHANGED", "organization", org.toString(),
                        Map.of("complaintsUnit", complaints == null ? "" : complaints,
                                "settleConditions", settle == null ? "" : settle));
            }
        });
    }

    /** The bound organization's complaints unit and conditions to settle as its messages show them (null = not set). */
    public record MessageDisclosures(String complaintsUnit, String settleConditions) {}

    public MessageDisclosures messageDisclosures() {
        UUID org = TenantContext.require();
        return system.sql("select complaints_unit, settle_conditions from organization where id = ?").param(org)
                .query((rs, i) -> new MessageDisclosures(rs.getString(1), rs.getString(2))).optional()
                .orElse(new MessageDisclosures(null, null));
    }

    /** Creates a user in the bound organization. The password is hashed (Argon2id). */
    public UUID createUser(String username, String displayName, String rawPassword, Role role) {
        UUID org = TenantContext.require();
        if (rawPassword == null || rawPassword.length() < 12) {
            throw new IllegalArgumentException("Passwords need at least 12 characters");
        }
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    insert into app_user (id, org_id, username, display_name, password_hash, role)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(id, org, username.toLowerCase(), displayName, passwords.encode(rawPassword), role.name())
                    .update();
            audit.record("CREATE", "user", id.toString(), Map.of("username", username, "role", role.name()));
        });
        return id;
    }

    /** The oldest administrator of the bound organization. */
    public Optional<UUID> firstAdmin() {
        return jdbc.sql("select id from app_user where role = 'ADMIN' order by created_at limit 1")
                .query(UUID.class).optional();
    }

    /**
     * Re-authentication for an electronic signature: whether {@code rawPassword} is the password of
     * the enabled user {@code username} of the bound organization (checked with the same Argon2id
     * hashing as the log-in).
     */
    public boolean passwordMatches(String username, String rawPassword) {
        if (username == null || rawPassword == null || rawPassword.isEmpty()) return false;
        return jdbc.sql("select password_hash from app_user where username = ? and enabled").param(username.toLowerCase())
                .query(String.class).optional().map(hash -> passwords.matches(rawPassword, hash)).orElse(false);
    }

    public Optional<UUID> findUserId(String username) {
        return jdbc.sql("select id from app_user where username = ?").param(username.toLowerCase())
                .query(UUID.class).optional();
    }

    /**
     * Issues an API token for a user of the bound organization and returns its clear value, which is
     * shown once and stored only as a SHA-256 hash. {@code fixedValue} is for the bootstrap token.
     */
    public String issueApiToken(UUID userId, String name, String fixedValue) {
        UUID org = TenantContext.require();
        String token = fixedValue != null ? fixedValue : "rcd_" + randomToken();
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    insert into api_token (id, org_id, user_id, name, token_hash) values (?, ?, ?, ?, ?)
                    on conflict (token_hash) do nothing""")
                    .params(id, org, userId, name, sha256(token)).update();
            audit.record("CREATE", "api_token", id.toString(), Map.of("name", name, "user", userId.toString()));
        });
        return token;
    }

    Optional<RecaudoUser> findUserForLogin(String username) {
        return system.sql("select * from app_user where username = ?").param(username.toLowerCase())
                .query((rs, i) -> mapUser(rs)).optional();
    }

    Optional<RecaudoUser> findUserByToken(String token) {
        return system.sql("""
                select u.* from api_token t join app_user u on u.id = t.user_id
                 where t.token_hash = ? and t.revoked_at is null and u.enabled""")
                .param(sha256(token)).query((rs, i) -> mapUser(rs)).optional();
    }

    private static RecaudoUser mapUser(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RecaudoUser(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getString("username"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
                rs.getString("locale"), rs.getString("password_hash"), rs.getBoolean("enabled"));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
