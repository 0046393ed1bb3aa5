package mx.recaudo.contact;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

@ContactIntegrationTest
class StarterTemplatesIntegrationTests {
    @Autowired IdentityManagement identity;
    @Autowired ContactTemplates templates;
    @Autowired JdbcClient jdbc;

    @Test
    void theStarterSetIsInstalledOnceKeepsEditedTemplatesAndRendersWithACustomersData() throws Exception {
        var org = TestOrganizations.create(identity, "starter");
        Callable<Integer> install = templates::installStarterSet;
        assertThat(TenantContext.call(org.id(), install)).isEqualTo(StarterTemplates.all().size());
        var letter = TenantContext.call(org.id(), () -> templates.list()).stream()
                .filter(t -> t.channel() == Channel.LETTER && t.language().equals("es")).findFirst().orElseThrow();
        TenantContext.call(org.id(), () -> templates.save(new ContactTemplates.Draft(letter.name(), letter.channel(),
                letter.language(), letter.tone(), true, letter.subject(), letter.body() + "\n\nTexto editado.")));
        assertThat(TenantContext.call(org.id(), install)).as("nothing to add the second time").isZero();
        assertThat(TenantContext.call(org.id(), () -> templates.find(letter.id()).orElseThrow().body())).endsWith("Texto editado.");

        long customer = ContactFixtures.customer(jdbc, org.id(), "S-1", "Lucía Gómez", "America/Mexico_City", "+523312340000", null);
        var whatsapp = TenantContext.call(org.id(), () -> templates.list()).stream()
                .filter(t -> t.channel() == Channel.WHATSAPP && t.language().equals("es")).findFirst().orElseThrow();
        var rendered = TenantContext.call(org.id(), () -> templates.preview(whatsapp.id(), customer));
        assertThat(rendered.rendered().body()).startsWith("Hola Lucía, le escribe " + org.org().name())
                .contains("$1,250.50").contains("15/01/2025").contains("BAJA");
        assertThat(rendered.warnings()).isEmpty();
    }
}
