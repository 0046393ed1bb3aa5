package mx.recaudo.demo;

import mx.recaudo.contact.ContactTemplates;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.platform.RecaudoProperties;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.strategy.CollectionRuns;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo organization configures everything its starter templates show, so none is skipped or shows sample text. */
@SpringBootTest
@TestPropertySource(properties = "recaudo.workers.enabled=false") // the same context as the strategy worker tests
class DemoMessagesIntegrationTests {
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired RecaudoProperties properties;
    @Autowired Clock clock;
    @Autowired CollectionRuns runs;
    @Autowired ContactTemplates templates;

    @Test
    void theDemoConfiguresWhatItsTemplatesShowAndKeepsWhatSomeoneEdited() {
        DemoSetup demo = new DemoSetup(identity, imports, properties, clock, runs, templates, 0);
        var org = TestOrganizations.create(identity, "demo-messages");
        demo.configureMessages(org.org());

        TenantContext.run(org.id(), () -> {
            assertThat(templates.unconfiguredVariables()).as("every variable only the organization can give").isEmpty();
            assertThat(templates.list()).as("no template would be skipped for what it shows")
                    .allSatisfy(t -> assertThat(ContactTemplates.unconfiguredIn(t, templates.unconfiguredVariables())).isEmpty())
                    .hasSizeGreaterThanOrEqualTo(40);
            assertThat(identity.messageDisclosures().complaintsUnit()).isEqualTo(DemoSetup.COMPLAINTS_UNIT)
                    .doesNotContain("une@financiera.mx");
            assertThat(identity.messageDisclosures().settleConditions()).isEqualTo(DemoSetup.SETTLE_CONDITIONS);
            identity.setMessageDisclosures("UNE editada", "Condiciones editadas");
        });
        demo.configureMessages(org.org());
        TenantContext.run(org.id(), () -> assertThat(identity.messageDisclosures())
                .isEqualTo(new IdentityManagement.MessageDisclosures("UNE editada", "Condiciones editadas")));
    }
}
