package io.switchboard.platform.retention;

import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import io.switchboard.platform.tenancy.TenantRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges raw webhook payloads older than each tenant's retention period ({@code platform.tenants.retention_days},
 * 30 days by default): the body and headers go, the delivery's metadata and everything it was turned into stay.
 * Runs on every node ({@code switchboard.retention.interval}, hourly by default); the purge is idempotent, so
 * nodes running it at once do no harm. Deliveries still waiting to be processed keep their payload until they are.
 */
@Component
public class DeliveryRetention {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRetention.class);
    private static final int TENANTS_PER_PAGE = 100;
    /** Rows purged per statement, so a first run over a large backlog does not hold one huge transaction. */
    private static final int BATCH = 1000;

    private final TenantRegistry registry;
    private final TenantDatabase database;

    DeliveryRetention(TenantRegistry registry, TenantDatabase database) {
        this.registry = registry;
        this.database = database;
    }

    @Scheduled(initialDelayString = "${switchboard.retention.interval:1h}",
            fixedDelayString = "${switchboard.retention.interval:1h}")
    void scheduled() {
        long purged = purgeAll();
        if (purged > 0) {
            log.info("Retention purged {} raw webhook payloads", purged);
        }
    }

    /** Purges every tenant's expired payloads; returns how many were purged. */
    public long purgeAll() {
        long purged = 0;
        long after = 0;
        List<Tenant> page;
        do {
            page = registry.list(after, TENANTS_PER_PAGE);
            for (Tenant tenant : page) {
                try {
                    purged += purge(tenant);
                } catch (RuntimeException e) {
                    // One tenant's database being away must not stop the others' retention.
                    log.warn("Retention failed for tenant {}: {}", tenant.slug(), e.toString());
                }
                after = tenant.id();
            }
        } while (page.size() == TENANTS_PER_PAGE);
        return purged;
    }

    /** Purges the tenant's payloads received more than its retention period ago. */
    public int purge(Tenant tenant) {
        int total = 0;
        int purged;
        do {
            purged = database.inTenant(tenant, jdbc -> jdbc.sql("""
                    UPDATE deliveries SET body = NULL, headers = '{}'::jsonb, body_purged_at = now()
                    WHERE id IN (SELECT id FROM deliveries
                                 WHERE received_at < now() - make_interval(days => ?)
                                   AND (body IS NOT NULL OR headers <> '{}'::jsonb)
                                   AND status NOT IN ('RECEIVED', 'RETRYING')
                                 ORDER BY id LIMIT ?)""")
                    .params(tenant.retentionDays(), BATCH).update());
            total += purged;
        } while (purged == BATCH);
        return total;
    }
}
