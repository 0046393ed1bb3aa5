package mx.recaudo.arrangement;

import mx.recaudo.identity.Role;
import mx.recaudo.payment.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlanApprovalRuleTests {
    @Test
    void aSupervisorOrAdministratorApprovesSomeoneElsesRequest() {
        assertThat(PlanApprovalRule.check("agente@org", "supervisor@org", Role.SUPERVISOR)).isEmpty();
        assertThat(PlanApprovalRule.check("agente@org", "admin@org", Role.ADMIN)).isEmpty();
    }

    @Test
    void nobodyApprovesTheirOwnRequestWhateverTheRole() {
        assertThat(PlanApprovalRule.check("Supervisor@Org", "supervisor@org", Role.SUPERVISOR)).extracting(Problem::messageEn)
                .containsExactly("Nobody approves their own request");
        assertThat(PlanApprovalRule.check("admin@org", "admin@org", Role.ADMIN)).hasSize(1);
    }

    @Test
    void agentsAuditorsAndIntegrationsDoNotApprove() {
        for (Role r : new Role[]{Role.AGENT, Role.AUDITOR, Role.API_CLIENT}) {
            assertThat(PlanApprovalRule.check("agente@org", "otro@org", r)).extracting(Problem::messageEs)
                    .containsExactly("Solo un supervisor o un administrador aprueba convenios");
        }
    }
}
