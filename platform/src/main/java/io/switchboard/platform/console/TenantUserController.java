package io.switchboard.platform.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.api.ApiException;
import io.switchboard.platform.api.AuditLog;
import io.switchboard.platform.api.Page;
import io.switchboard.platform.api.TenantPaths;
import io.switchboard.platform.auth.ApiClients;
import io.switchboard.platform.auth.TenantUsers;
import io.switchboard.platform.tenancy.Tenant;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The people who sign in to a tenant's console. Created and disabled by the platform admin or by the tenant's
 * admins ({@code tenant:admin}, which the tokens of ADMIN users carry), so the tenant's first user, created by
 * the platform admin as an ADMIN, can invite the others. Passwords are stored hashed and never returned.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/users")
@Tag(name = "Console users")
@SecurityRequirement(name = "oauth2")
class TenantUserController {

    private final TenantPaths paths;
    private final TenantUsers users;
    private final AuditLog audit;

    TenantUserController(TenantPaths paths, TenantUsers users, AuditLog audit) {
        this.paths = paths;
        this.users = users;
        this.audit = audit;
    }

    @PostMapping
    @Operation(operationId = "createTenantUser", summary = "Create a console user",
            description = "The user signs in to /console with the tenant's slug, this email and this password "
                    + "(at least 12 characters). Needs tenant:admin or platform:admin. The role defaults to ADMIN "
                    + "when the platform admin creates the user, MEMBER otherwise. 409 when the tenant already has "
                    + "a user with that email.")
    ResponseEntity<TenantUsers.UserInfo> create(@PathVariable String tenant, @Valid @RequestBody NewUser request) {
        Tenant owner = paths.require(tenant);
        String password = request.password();
        if (password.length() < TenantUsers.MIN_PASSWORD_LENGTH) {
            throw ApiException.invalid(Map.of("password", "must be at least " + TenantUsers.MIN_PASSWORD_LENGTH + " characters"));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > TenantUsers.MAX_PASSWORD_BYTES) {
            throw ApiException.invalid(Map.of("password", "must be at most " + TenantUsers.MAX_PASSWORD_BYTES + " bytes"));
        }
        TenantUsers.Role role = request.role() != null ? request.role()
                : callerIsPlatformAdmin() ? TenantUsers.Role.ADMIN : TenantUsers.Role.MEMBER;
        TenantUsers.UserInfo created = users.create(owner.slug(), request.email(), request.name().trim(), password, role)
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "conflict",
                        "The tenant already has a user with this email"));
        // The email identifies the account in the audit trail; the password never leaves this method.
        audit.record(owner, "user.create", "users/" + created.id(), Map.of("email", created.email(), "role", role.name()));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping
    @Operation(operationId = "listTenantUsers", summary = "List console users", description = "Newest first, disabled users included; never with passwords.")
    Page<TenantUsers.UserInfo> list(@PathVariable String tenant, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        Tenant owner = paths.require(tenant);
        int size = Page.limit(limit);
        return Page.of(users.list(owner.slug(), Page.after(cursor, Long.MAX_VALUE), size + 1), size,
                u -> Long.parseLong(u.id()));
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "disableTenantUser", summary = "Disable a console user",
            description = "Needs tenant:admin or platform:admin. The user can no longer sign in or get new tokens, "
                    + "and the tokens they hold are refused within a few seconds.")
    ResponseEntity<Void> disable(@PathVariable String tenant, @PathVariable long id) {
        Tenant owner = paths.require(tenant);
        if (!users.disable(owner.slug(), id)) {
            throw ApiException.notFound("user " + id);
        }
        audit.record(owner, "user.disable", "users/" + id, Map.of());
        return ResponseEntity.noContent().build();
    }

    private static boolean callerIsPlatformAdmin() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(a -> ("SCOPE_" + ApiClients.ADMIN_SCOPE).equals(a.getAuthority()));
    }

    /**
     * @param email the sign-in email (compared without case)
     * @param name the person's name
     * @param password at least 12 characters, at most 72 bytes; stored hashed
     * @param role ADMIN or MEMBER; absent: ADMIN when the platform admin creates the user, MEMBER otherwise
     */
    record NewUser(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String name,
            @NotNull String password, TenantUsers.Role role) {}
}
