package io.switchboard.platform.auth;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A signed-in console user. The tenant travels with the user so that the tokens issued to the console carry
 * it as their {@code tenant} claim. The password hash is erased once the sign-in succeeded, so it never sits
 * in a session.
 */
final class TenantUser implements UserDetails, CredentialsContainer {

    private final String tenant;
    private final String email;
    private final boolean active;
    private String passwordHash;

    TenantUser(String tenant, String email, String passwordHash, boolean active) {
        this.tenant = tenant;
        this.email = email;
        this.passwordHash = passwordHash;
        this.active = active;
    }

    /** The tenant's slug. */
    String tenant() {
        return tenant;
    }

    /** The sign-in email, lower-case. */
    String email() {
        return email;
    }

    @Override
    public String getUsername() {
        return tenant + "/" + email;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        // What a user may do is decided by the token's scopes and tenant claim, not by roles.
        return List.of();
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    @Override
    public String toString() {
        return "TenantUser[" + getUsername() + "]";
    }
}
