package mx.recaudo.support;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.Organization;
import mx.recaudo.identity.Role;
import mx.recaudo.shared.TenantContext;

import java.util.UUID;

/** Each test works in an organization of its own, so tests never see each other's data. */
public final class TestOrganizations {
    public static final String PASSWORD = "Correcto-Caballo-42";

    private TestOrganizations() {}

    public record TestOrg(Organization org, String adminUsername, String token) {
        public UUID id() { return org.id(); }
    }

    public static TestOrg create(IdentityManagement identity, String prefix) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Organization org = identity.createOrganization(slug, "Org " + slug, "Org " + slug + ", S.A. de C.V.",
                null, "MXN", "America/Mexico_City");
        String username = "admin@" + slug;
        String token = TenantContext.call(org.id(), () -> {
            UUID admin = identity.createUser(username, "Admin " + slug, PASSWORD, Role.ADMIN);
            return identity.issueApiToken(admin, "test", null);
        });
        return new TestOrg(org, username, token);
    }
}
