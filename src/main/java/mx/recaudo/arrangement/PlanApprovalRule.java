package mx.recaudo.arrangement;

import mx.recaudo.identity.Role;
import mx.recaudo.payment.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may decide on a plan beyond policy: a supervisor or an administrator, never the person who
 * proposed it (maker-checker). Pure Java, so it is enforced the same way for the page and the API.
 */
public final class PlanApprovalRule {
    private PlanApprovalRule() {}

    public static List<Problem> check(String requester, String approver, Role approverRole) {
        List<Problem> p = new ArrayList<>();
        if (approverRole != Role.SUPERVISOR && approverRole != Role.ADMIN) {
            p.add(new Problem("approver", "Solo un supervisor o un administrador aprueba convenios",
                    "Only a supervisor or an administrator approves plans"));
        }
        if (approver == null || approver.equalsIgnoreCase(requester)) {
            p.add(new Problem("approver", "Nadie aprueba su propia solicitud", "Nobody approves their own request"));
        }
        return p;
    }
}
