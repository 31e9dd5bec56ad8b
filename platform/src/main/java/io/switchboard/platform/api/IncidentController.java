package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.tenancy.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What needs a person's attention: dead letters, unknown payment links, opt-outs, failed sends, dunning. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/incidents")
@Tag(name = "Incidents")
@SecurityRequirement(name = "oauth2")
class IncidentController {

    static final List<String> STATUSES = List.of("OPEN", "RESOLVED");
    static final List<String> SEVERITIES = List.of("INFO", "WARNING", "ERROR");

    private final TenantPaths paths;
    private final IncidentQueries incidents;
    private final AuditLog audit;

    IncidentController(TenantPaths paths, IncidentQueries incidents, AuditLog audit) {
        this.paths = paths;
        this.incidents = incidents;
        this.audit = audit;
    }

    @GetMapping
    @Operation(operationId = "listIncidents",
            summary = "List incidents", description = "Newest first; filter by status and severity.")
    Page<IncidentView> list(@PathVariable String tenant,
            @Parameter(description = "OPEN or RESOLVED") @RequestParam(required = false) String status,
            @Parameter(description = "INFO, WARNING or ERROR") @RequestParam(required = false) String severity,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        Tenant owner = paths.require(tenant);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid(Map.of("status", "must be one of " + STATUSES));
        }
        if (severity != null && !SEVERITIES.contains(severity)) {
            throw ApiException.invalid(Map.of("severity", "must be one of " + SEVERITIES));
        }
        int size = Page.limit(limit);
        return Page.of(incidents.list(owner, status, severity, Page.after(cursor, Long.MAX_VALUE), size + 1), size,
                i -> Long.parseLong(i.id()));
    }

    @PostMapping("/{id}/resolve")
    @Operation(operationId = "resolveIncident",
            summary = "Resolve an incident", description = "Idempotent: resolving it again keeps the first resolution time.")
    IncidentView resolve(@PathVariable String tenant, @PathVariable long id) {
        Tenant owner = paths.require(tenant);
        IncidentView resolved = incidents.resolve(owner, id).orElseThrow(() -> ApiException.notFound("incident " + id));
        audit.record(owner, "incident.resolve", "incidents/" + id, Map.of("kind", resolved.kind()));
        return resolved;
    }

    /**
     * @param id the incident id
     * @param kind what happened, such as delivery.dead, payment.unknown_event, sms.opted_out
     * @param severity INFO, WARNING or ERROR
     * @param summary one line for a person
     * @param details what the platform knew, by name
     * @param deliveryId the webhook delivery it came from
     * @param status OPEN or RESOLVED
     * @param createdAt when it was raised
     * @param resolvedAt when it was resolved
     */
    record IncidentView(String id, String kind, String severity, String summary, Map<String, Object> details,
            String deliveryId, String status, Instant createdAt, Instant resolvedAt) {}
}
