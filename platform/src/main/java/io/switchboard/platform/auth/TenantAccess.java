package io.switchboard.platform.auth;

import java.util.Collection;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Who may use {@code /api/v1/tenants/{tenant}/**}: platform admins, and tokens whose {@code tenant} claim
 * is that tenant, with {@code api:read} to read and {@code api:write} to change anything. A token for
 * tenant A gets 403 on every tenant-B path, whether tenant B exists or not. The tenant's people and
 * credentials ({@link #administration()}) are changed only with {@code tenant:admin}.
 */
@Component
class TenantAccess implements AuthorizationManager<RequestAuthorizationContext> {

    private static final String READ = "SCOPE_api:read";
    private static final String WRITE = "SCOPE_api:write";
    private static final String TENANT_ADMIN = "SCOPE_" + ApiClients.TENANT_ADMIN_SCOPE;

    private final AuthorizationManager<RequestAuthorizationContext> administration =
            (authentication, context) -> decide(authentication.get(), context, true);

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        return decide(authentication.get(), context, false);
    }

    /**
     * The rule for a tenant's console users and API clients: read as any other tenant path, changed only by
     * the tenant's admins ({@code tenant:admin}) and platform admins. {@code api:write} is not enough, so an
     * integrator's credential cannot create credentials or accounts.
     */
    AuthorizationManager<RequestAuthorizationContext> administration() {
        return administration;
    }

    private static AuthorizationDecision decide(Authentication auth, RequestAuthorizationContext context, boolean administration) {
        if (auth == null || !auth.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        Collection<? extends GrantedAuthority> authorities = auth.getAuthorities();
        if (has(authorities, "SCOPE_" + ApiClients.ADMIN_SCOPE)) {
            return new AuthorizationDecision(true);
        }
        if (!(auth instanceof JwtAuthenticationToken jwt)) {
            return new AuthorizationDecision(false);
        }
        String pathTenant = context.getVariables().get("tenant");
        String tokenTenant = jwt.getToken().getClaimAsString("tenant");
        if (pathTenant == null || !pathTenant.equals(tokenTenant)) {
            return new AuthorizationDecision(false);
        }
        String method = context.getRequest().getMethod();
        boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        if (administration) {
            return new AuthorizationDecision(has(authorities, TENANT_ADMIN)
                    || (read && (has(authorities, READ) || has(authorities, WRITE))));
        }
        return new AuthorizationDecision(has(authorities, read ? READ : WRITE) || (read && has(authorities, WRITE)));
    }

    private static boolean has(Collection<? extends GrantedAuthority> authorities, String name) {
        return authorities.stream().anyMatch(a -> name.equals(a.getAuthority()));
    }
}
