package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.auth.ApiClients;
import io.switchboard.platform.tenancy.Tenant;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's API clients for integrators: the secret is shown once, stored hashed, and clients are revocable.
 * Created and revoked by the tenant's admins ({@code tenant:admin}) or the platform admin; a client's own
 * token may list them but never create one, and no client can hold {@code tenant:admin}.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/api-clients")
@Tag(name = "API clients")
@SecurityRequirement(name = "oauth2")
class ApiClientController {

    private final TenantPaths paths;
    private final ApiClients clients;
    private final AuditLog audit;

    ApiClientController(TenantPaths paths, ApiClients clients, AuditLog audit) {
        this.paths = paths;
        this.clients = clients;
        this.audit = audit;
    }

    @PostMapping
    @Operation(operationId = "createApiClient", summary = "Create an API client",
            description = "Returns the client secret once; it cannot be read again. Needs tenant:admin (a console "
                    + "admin's token) or platform:admin. Scopes are api:read and api:write; tenant:admin is refused.")
    ResponseEntity<ApiClients.Created> create(@PathVariable String tenant, @Valid @RequestBody NewClient request) {
        Tenant owner = paths.require(tenant);
        for (String scope : request.scopes()) {
            if (ApiClients.TENANT_ADMIN_SCOPE.equals(scope)) {
                throw ApiException.invalid(Map.of("scopes", ApiClients.TENANT_ADMIN_SCOPE
                        + " belongs to people signed in to the console; API clients may hold " + ApiClients.TENANT_SCOPES));
            }
            if (!ApiClients.TENANT_SCOPES.contains(scope)) {
                throw ApiException.invalid(Map.of("scopes", "allowed scopes are " + ApiClients.TENANT_SCOPES));
            }
        }
        ApiClients.Created created = clients.create(request.name(), owner.slug(), List.copyOf(request.scopes()));
        audit.record(owner, "api-client.create", "api-clients/" + created.clientId(), Map.of("scopes", request.scopes()));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping
    @Operation(operationId = "listApiClients", summary = "List API clients", description = "Without secrets.")
    Page<ApiClients.ClientInfo> list(@PathVariable String tenant) {
        return new Page<>(clients.list(paths.require(tenant).slug()), null);
    }

    @DeleteMapping("/{clientId}")
    @Operation(operationId = "revokeApiClient", summary = "Revoke an API client",
            description = "Needs tenant:admin or platform:admin. The client gets no new tokens, and the tokens it "
                    + "already holds are refused within a few seconds.")
    ResponseEntity<Void> revoke(@PathVariable String tenant, @PathVariable String clientId) {
        Tenant owner = paths.require(tenant);
        if (!clients.revoke(owner.slug(), clientId)) {
            throw ApiException.notFound("API client " + clientId);
        }
        audit.record(owner, "api-client.revoke", "api-clients/" + clientId, Map.of());
        return ResponseEntity.noContent().build();
    }

    /**
     * @param name what the client is for
     * @param scopes api:read and/or api:write
     */
    record NewClient(@NotBlank @Size(max = 200) String name, @NotEmpty List<String> scopes) {}
}
