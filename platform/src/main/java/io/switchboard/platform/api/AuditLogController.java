package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.tenancy.Tenant;
import java.time.Instant;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's audit log: every write made through the API, who made it, on which resource, when. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/audit-log")
@Tag(name = "Audit log")
@SecurityRequirement(name = "oauth2")
class AuditLogController {

    private final TenantPaths paths;
    private final AuditLogQueries entries;

    AuditLogController(TenantPaths paths, AuditLogQueries entries) {
        this.paths = paths;
        this.entries = entries;
    }

    @GetMapping
    @Operation(operationId = "listAuditLog",
            summary = "Read the audit log", description = "Newest first; filter by action (event.create, "
            + "contact.erase, ...) or by resource (events/12).")
    Page<AuditEntry> list(@PathVariable String tenant,
            @Parameter(description = "such as event.update") @RequestParam(required = false) String action,
            @Parameter(description = "such as contacts/42") @RequestParam(required = false) String resource,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        Tenant owner = paths.require(tenant);
        if (action != null && !action.matches("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+){0,4}")) {
            throw ApiException.invalid(Map.of("action", "must be an action name such as event.create"));
        }
        if (resource != null && (resource.isBlank() || resource.length() > 300)) {
            throw ApiException.invalid(Map.of("resource", "must be a resource path such as events/12"));
        }
        int size = Page.limit(limit);
        return Page.of(entries.list(owner, action, resource, Page.after(cursor, Long.MAX_VALUE), size + 1), size,
                e -> Long.parseLong(e.id()));
    }

    /**
     * @param id the entry id
     * @param actor who made the change: the API client id, or system
     * @param action what was done, such as event.create
     * @param resource what it was done to, such as events/12
     * @param details what changed (never secrets)
     * @param createdAt when
     */
    record AuditEntry(String id, String actor, String action, String resource, Map<String, Object> details,
            Instant createdAt) {}
}
