package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.processing.WorkQueue;
import io.switchboard.platform.processing.WorkSignal;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's inbox: every verified webhook event, its processing status, dead letters, replay. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/deliveries")
@Tag(name = "Deliveries")
@SecurityRequirement(name = "oauth2")
class DeliveryController {

    private static final Set<String> STATUSES = Set.of("RECEIVED", "PROCESSED", "IGNORED", "RETRYING", "DEAD");
    private static final String COLUMNS = "id, provider, dedupe_key, event_type, occurred_at, received_at, status, "
            + "attempts, last_error, processed_at";

    private final TenantPaths paths;
    private final TenantDatabase database;
    private final WorkQueue queue;
    private final WorkSignal signal;
    private final AuditLog audit;

    DeliveryController(TenantPaths paths, TenantDatabase database, WorkQueue queue, WorkSignal signal, AuditLog audit) {
        this.paths = paths;
        this.database = database;
        this.queue = queue;
        this.signal = signal;
        this.audit = audit;
    }

    @GetMapping
    @Operation(operationId = "listDeliveries", summary = "List deliveries", description = "Newest first; filter by status and provider.")
    Page<DeliveryView> list(@PathVariable String tenant, @RequestParam(required = false) String status,
            @RequestParam(required = false) String provider, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        Tenant owner = paths.require(tenant);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid(Map.of("status", "must be one of " + STATUSES));
        }
        if (provider != null && !provider.matches("[a-z][a-z0-9-]{1,39}")) {
            throw ApiException.invalid(Map.of("provider", "is not a provider id"));
        }
        int size = Page.limit(limit);
        long after = Page.after(cursor, Long.MAX_VALUE);
        List<DeliveryView> rows = database.inTenant(owner, jdbc -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM deliveries WHERE id < ?");
            List<Object> params = new ArrayList<>(List.of(after));
            if (status != null) {
                sql.append(" AND status = ?");
                params.add(status);
            }
            if (provider != null) {
                sql.append(" AND provider = ?");
                params.add(provider);
            }
            sql.append(" ORDER BY id DESC LIMIT ?");
            params.add(size + 1);
            return jdbc.sql(sql.toString()).params(params).query(DeliveryController::map).list();
        });
        return Page.of(rows, size, d -> Long.parseLong(d.id()));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getDelivery", summary = "Read a delivery with its raw payload")
    DeliveryDetail get(@PathVariable String tenant, @PathVariable long id) {
        Tenant owner = paths.require(tenant);
        return database.inTenant(owner, jdbc -> jdbc.sql("SELECT " + COLUMNS + ", body, headers::text AS headers FROM deliveries WHERE id = ?")
                .param(id)
                .query((rs, row) -> new DeliveryDetail(map(rs, row),
                        rs.getBytes("body") == null ? null : new String(rs.getBytes("body"), StandardCharsets.UTF_8),
                        rs.getString("headers")))
                .optional())
                .orElseThrow(() -> ApiException.notFound("delivery " + id));
    }

    @PostMapping("/{id}/replay")
    @Operation(operationId = "replayDelivery", summary = "Replay a delivery", description = "Processes it again (dead letters after a fix, or any delivery). "
            + "Applying a delivery twice leaves the same state as once.")
    DeliveryView replay(@PathVariable String tenant, @PathVariable long id) {
        Tenant owner = paths.require(tenant);
        DeliveryView view = database.inTenant(owner, jdbc -> {
            int updated = jdbc.sql("UPDATE deliveries SET status = 'RECEIVED', last_error = NULL WHERE id = ? AND body IS NOT NULL")
                    .param(id).update();
            if (updated == 0) {
                throw ApiException.notFound("delivery " + id + " (or its payload was purged)");
            }
            queue.enqueue(jdbc, "DELIVERY", owner.id(), id, Instant.now());
            return jdbc.sql("SELECT " + COLUMNS + " FROM deliveries WHERE id = ?").param(id).query(DeliveryController::map).single();
        });
        signal.workAvailable();
        audit.record(owner, "delivery.replay", "deliveries/" + id, Map.of());
        return view;
    }

    static DeliveryView map(ResultSet rs, int row) throws SQLException {
        return new DeliveryView(Long.toString(rs.getLong("id")), rs.getString("provider"), rs.getString("event_type"),
                rs.getString("dedupe_key"), rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("processed_at") == null ? null : rs.getTimestamp("processed_at").toInstant());
    }

    /**
     * @param id the delivery id
     * @param provider the provider id
     * @param eventType the provider's event type
     * @param dedupeKey the provider's event identity
     * @param status RECEIVED, PROCESSED, IGNORED, RETRYING or DEAD
     * @param attempts processing attempts so far
     * @param lastError the last failure, or the reason it was ignored
     * @param occurredAt when the provider says it happened
     * @param receivedAt when it arrived
     * @param processedAt when it was processed
     */
    record DeliveryView(String id, String provider, String eventType, String dedupeKey, String status, int attempts,
            String lastError, Instant occurredAt, Instant receivedAt, Instant processedAt) {}

    /**
     * @param delivery the delivery
     * @param payload the stored body as text, absent once purged by retention
     * @param headers the stored request headers as JSON
     */
    record DeliveryDetail(DeliveryView delivery, String payload, String headers) {}
}
