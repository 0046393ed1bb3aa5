package mx.recaudo.arrangement.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in user's name, to mark one's own requests on the approvals page. */
final class PlanUser {
    private PlanUser() {}

    static String name() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "" : auth.getName();
    }
}
