package mx.recaudo.identity;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The signed-in user: who they are, which organization they work for, and their role. */
public record RecaudoUser(UUID id, UUID orgId, String username, String displayName, Role role, String locale,
                          String passwordHash, boolean enabled) implements UserDetails {
    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() { return passwordHash; }

    @Override
    public String getUsername() { return username; }

    @Override
    public boolean isEnabled() { return enabled; }

    @Override
    public String toString() {
        return "RecaudoUser[" + username + ", " + role + ", org " + orgId + "]";
    }
}
