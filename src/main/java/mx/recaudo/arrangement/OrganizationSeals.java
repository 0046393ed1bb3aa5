package mx.recaudo.arrangement;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;

/**
 * The bound organization's {@link DocumentSeal}. An organization without one gets a self-signed
 * demo certificate on first use, stored so that every node seals with the same key. (Production
 * would load the organization's real certificate into the same table.)
 */
@Component
class OrganizationSeals {
    private final JdbcClient jdbc;
    private final IdentityManagement identity;
    private final Clock clock;

    OrganizationSeals(JdbcClient jdbc, IdentityManagement identity, Clock clock) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.clock = clock;
    }

    /** In the caller's transaction. */
    DocumentSeal current() {
        record Stored(byte[] key, byte[] certificate) {}
        var stored = jdbc.sql("select private_key, certificate from organization_seal")
                .query((rs, i) -> new Stored(rs.getBytes(1), rs.getBytes(2))).optional();
        if (stored.isEmpty()) {
            DocumentSeal created = DocumentSeal.selfSigned(identity.currentOrganization().legalName(), clock.instant());
            try {
                jdbc.sql("insert into organization_seal (org_id, private_key, certificate) values (?, ?, ?) on conflict do nothing")
                        .params(TenantContext.require(), created.privateKeyEncoded(), created.certificate().getEncoded()).update();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return current();
        }
        try {
            var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(stored.get().key()));
            var cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(stored.get().certificate()));
            return new DocumentSeal(key, cert);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The organization's seal cannot be read", e);
        }
    }
}
