package mx.recaudo.contact;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Set;
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

    @Test
    void aRealMessageNeverShowsTheEditorsSampleComplaintsUnitOrConditionsToSettle() {
        var org = TestOrganizations.create(identity, "starter-real");
        TenantContext.call(org.id(), templates::installStarterSet);
        long customer = ContactFixtures.customer(jdbc, org.id(), "S-2", "Lucía Gómez", "America/Mexico_City", "+523312340001", null);
        var letter = TenantContext.call(org.id(), () -> templates.list()).stream()
                .filter(t -> t.name().equals("carta-requerimiento") && t.channel() == Channel.LETTER && t.language().equals("es"))
                .findFirst().orElseThrow();
        assertThat(TenantContext.call(org.id(), templates::unconfiguredVariables))
                .containsExactlyInAnyOrder("companyContact", "complaintsUnit", "settleConditions");
        assertThat(ContactTemplates.unconfiguredIn(letter, Set.of("complaintsUnit", "settleConditions")))
                .containsExactlyInAnyOrder("complaintsUnit", "settleConditions");

        // the editor's preview may show samples; the text a customer would receive never does
        assertThat(TenantContext.call(org.id(), () -> templates.preview(letter.id(), customer)).rendered().body())
                .contains("une@financiera.mx");
        String real = TenantContext.call(org.id(), () -> templates.render(letter.id(), customer)).body();
        assertThat(real).doesNotContain("une@financiera.mx").doesNotContain("Puede liquidar en una exhibición")
                .doesNotContain("Av. Reforma 1");

        // the letterhead's complaints unit counts; the organization's own setting wins over it
        TenantContext.run(org.id(), () -> jdbc.sql("""
                insert into contact_letterhead (org_id, address, city, signatory_name, signatory_title, complaints_unit)
                values (?, 'Calle 1', 'Guadalajara', 'Ana', 'Gerente', 'UNE Membrete: une@membrete.mx')""")
                .param(org.id()).update());
        assertThat(TenantContext.call(org.id(), templates::unconfiguredVariables)).doesNotContain("complaintsUnit");
        TenantContext.run(org.id(), () -> {
            identity.setCollectorIdentification("Cobranza Real · Tel. 33 1000 2000");
            identity.setMessageDisclosures("UNE Real: une@real.mx", "Puede liquidar en un pago o en 3 meses");
        });
        assertThat(TenantContext.call(org.id(), templates::unconfiguredVariables)).isEmpty();
        assertThat(TenantContext.call(org.id(), () -> templates.render(letter.id(), customer)).body())
                .contains("UNE Real: une@real.mx").contains("Puede liquidar en un pago o en 3 meses.")
                .contains("Cobranza Real · Tel. 33 1000 2000.").doesNotContain("une@membrete.mx")
                .as("the legal name's own period is not doubled").doesNotContain("C.V..");
    }
}
