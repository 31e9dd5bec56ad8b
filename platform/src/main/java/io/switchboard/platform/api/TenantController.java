package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantOnboarding;
import io.switchboard.platform.tenancy.TenantRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Onboarding, listing and offboarding tenants (platform admins). */
@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "Tenants")
@SecurityRequirement(name = "oauth2")
class TenantController {

    private final TenantOnboarding onboarding;
    private final TenantRegistry registry;
    private final TenantPaths paths;
    private final SwitchboardProperties properties;
    private final AuditLog audit;

    TenantController(TenantOnboarding onboarding, TenantRegistry registry, TenantPaths paths,
            SwitchboardProperties properties, AuditLog audit) {
        this.onboarding = onboarding;
        this.registry = registry;
        this.paths = paths;
        this.properties = properties;
        this.audit = audit;
    }

    @PostMapping
    @Operation(operationId = "createTenant", summary = "Onboard a tenant", description = "Creates the tenant and migrates its schema. Needs platform:admin.")
    ResponseEntity<TenantView> create(@Valid @RequestBody NewTenant request) {
        Tenant tenant;
        try {
            tenant = onboarding.onboard(request.slug(), request.name(), request.placement());
        } catch (TenantOnboarding.InvalidSlugException e) {
            throw ApiException.invalid(Map.of("slug", e.getMessage()));
        } catch (TenantOnboarding.UnknownPlacementException e) {
            throw ApiException.invalid(Map.of("placement", e.getMessage()));
        } catch (TenantOnboarding.TenantExistsException e) {
            throw new ApiException(HttpStatus.CONFLICT, "conflict", e.getMessage());
        }
        audit.record(tenant, "tenant.create", "tenants/" + tenant.slug(), Map.of("name", tenant.name()));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(tenant));
    }

    @GetMapping
    @Operation(operationId = "listTenants", summary = "List tenants")
    Page<TenantView> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        int size = Page.limit(limit);
        return Page.of(registry.list(Page.after(cursor, 0), size + 1).stream().map(this::view).toList(), size,
                TenantView::id);
    }

    @GetMapping("/{tenant}")
    @Operation(operationId = "getTenant", summary = "Read a tenant")
    TenantView get(@PathVariable String tenant) {
        return view(paths.require(tenant));
    }

    @PatchMapping("/{tenant}")
    @Operation(operationId = "updateTenant", summary = "Change a tenant's settings",
            description = "Its display name and how many days raw webhook payloads are kept (1 to 3650; the "
                    + "deliveries' status and history stay). Fields left out keep their value. Needs tenant:admin for "
                    + "that tenant, or platform:admin.")
    TenantView update(@PathVariable String tenant, @Valid @RequestBody TenantSettings request) {
        Tenant current = paths.require(tenant);
        Tenant updated = registry.update(current, request.name() == null ? current.name() : request.name(),
                request.retentionDays() == null ? current.retentionDays() : request.retentionDays());
        audit.record(updated, "tenant.update", "tenants/" + updated.slug(),
                Map.of("name", updated.name(), "retentionDays", updated.retentionDays()));
        return view(updated);
    }

    @DeleteMapping("/{tenant}")
    @Operation(operationId = "deleteTenant", summary = "Offboard a tenant", description = "Deletes the tenant, its connections, API clients and all its data.")
    ResponseEntity<Void> delete(@PathVariable String tenant) {
        onboarding.offboard(paths.require(tenant));
        return ResponseEntity.noContent().build();
    }

    private TenantView view(Tenant tenant) {
        return new TenantView(tenant.id(), tenant.slug(), tenant.name(), tenant.status(), tenant.placement(),
                properties.publicBase() + "/webhooks/" + tenant.slug(), tenant.retentionDays(), tenant.createdAt());
    }

    /**
     * @param slug lower-case letters, digits and dashes, 3 to 40 characters, starting with a letter
     * @param name the business's name
     * @param placement the database server to hold its data; by default the one with the fewest tenants
     */
    record NewTenant(@NotBlank String slug, @NotBlank @Size(max = 200) String name, String placement) {}

    /**
     * @param name the business's name; unchanged when absent
     * @param retentionDays days raw webhook payloads are kept, 1 to 3650; unchanged when absent
     */
    record TenantSettings(@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @Min(1) @Max(3650) Integer retentionDays) {}

    /**
     * @param id the platform's id
     * @param slug the tenant's slug
     * @param name the name
     * @param status ACTIVE or SUSPENDED
     * @param placement the database server holding its data
     * @param webhookBaseUrl append the provider id to get a webhook URL
     * @param retentionDays days raw webhook payloads are kept
     * @param createdAt when it was onboarded
     */
    record TenantView(long id, String slug, String name, String status, String placement, String webhookBaseUrl,
            int retentionDays, Instant createdAt) {}
}
