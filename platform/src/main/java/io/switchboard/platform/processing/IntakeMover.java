package io.switchboard.platform.processing;

import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.database.Placement;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Moves a claim's webhooks from the intake, where the request path made them durable, into the tenant's inbox, then
 * processes them as deliveries (ADR 18). The move is one autocommit call of the tenant schema's
 * {@code take_intake} (tenant migration V5): the INTAKE entries and their rows leave the intake, the new deliveries
 * and their DELIVERY entries appear, leased to this worker, in one transaction. A crash before it commits leaves the
 * INTAKE entries to be claimed again when their lease ends; a crash after it leaves the deliveries to be claimed
 * when theirs does. An event already in the inbox (a provider's retry after the first copy was moved) is dropped by
 * the inbox's unique key and gets no entry.
 *
 * <p>A failed move is tried again with backoff, without limit: the webhook was acknowledged, so it is never given
 * up, and a move fails only when the database does.
 */
@Component
class IntakeMover implements WorkHandler {

    private final TenantDatabase database;
    private final WorkQueue queue;
    private final DeliveryProcessor deliveries;
    private final Backoff backoff;
    private final Clock clock;

    IntakeMover(TenantDatabase database, WorkQueue queue, DeliveryProcessor deliveries, SwitchboardProperties properties,
            Clock clock) {
        this.database = database;
        this.queue = queue;
        this.deliveries = deliveries;
        SwitchboardProperties.Processing settings = properties.processing();
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "INTAKE";
    }

    @Override
    public void handle(Tenant tenant, WorkItem item) {
        handleAll(tenant, List.of(item), () -> true);
    }

    @Override
    public void handleAll(Tenant tenant, List<WorkItem> items, BooleanSupplier carryOn) {
        List<WorkItem> moved;
        try {
            moved = move(tenant, items);
        } catch (RuntimeException e) {
            items.forEach(item -> reportFailure(tenant, item, e));
            return;
        }
        if (!moved.isEmpty() && carryOn.getAsBoolean()) {
            deliveries.handleAll(tenant, moved, carryOn);
        }
    }

    /** Moves the entries' events into the tenant's inbox; returns the DELIVERY entries of those that were new. */
    List<WorkItem> move(Tenant tenant, List<WorkItem> items) {
        long[] ids = items.stream().mapToLong(WorkItem::id).toArray();
        Placement placement = database.placementOf(tenant);
        List<WorkItem> moved = placement.jdbc()
                .sql("SELECT work_id, delivery_id FROM " + TenantDatabase.table(tenant, "take_intake") + "(?, ?)")
                .params(tenant.id(), ids)
                .query((rs, row) -> new WorkItem(rs.getLong("work_id"), "DELIVERY", tenant.id(),
                        rs.getLong("delivery_id"), 1))
                .list();
        // the queue's vacuum counts dead rows from the entries this node leased: these were leased by the move
        queue.leasedWithoutClaim(placement, moved);
        return moved;
    }

    @Override
    public void failed(Tenant tenant, WorkItem item, Exception error) {
        queue.reschedule(database.placementOf(tenant).jdbc(), item, clock.instant().plus(backoff.after(item.attempts())));
    }
}
