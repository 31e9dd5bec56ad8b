package io.switchboard.platform.tenancy;

import io.switchboard.platform.database.Placement;
import io.switchboard.platform.database.Placements;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Onboards and offboards tenants: the platform row, the schema on the tenant's placement, its migrations.
 * At start-up (before the web server takes requests) it brings every schema that is behind up to date.
 */
@Component
public class TenantOnboarding implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(TenantOnboarding.class);

    private final Placements placements;
    private final TenantRegistry registry;
    private final TenantSchemaMigrator migrator;
    private final JdbcClient platform;

    public TenantOnboarding(Placements placements, TenantRegistry registry, TenantSchemaMigrator migrator) {
        this.placements = placements;
        this.registry = registry;
        this.migrator = migrator;
        this.platform = placements.main().jdbc();
    }

    /**
     * Creates a tenant with its schema.
     *
     * @throws InvalidSlugException when the slug is malformed
     * @throws TenantExistsException when the slug is taken
     */
    public Tenant onboard(String slug, String name) {
        return onboard(slug, name, null);
    }

    /**
     * Creates a tenant with its schema on the named placement, or, when none is named, on the placement that
     * holds the fewest tenants (the default placement on a tie).
     *
     * @throws InvalidSlugException when the slug is malformed
     * @throws UnknownPlacementException when the named placement is not configured
     * @throws TenantExistsException when the slug is taken
     */
    public Tenant onboard(String slug, String name, String placementName) {
        if (!TenantSlug.isValid(slug)) {
            throw new InvalidSlugException(slug);
        }
        String schema = TenantSlug.schemaFor(slug);
        Placement placement = placementName == null ? leastUsedPlacement() : placements.find(placementName)
                .orElseThrow(() -> new UnknownPlacementException(placementName));
        long id;
        try {
            id = platform.sql("""
                    INSERT INTO platform.tenants (slug, name, schema_name, placement)
                    VALUES (?, ?, ?, ?) RETURNING id""")
                    .params(slug, name, schema, placement.name())
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new TenantExistsException(slug);
        }
        try {
            migrator.migrate(placement.name(), schema);
            platform.sql("UPDATE platform.tenants SET schema_version = ? WHERE id = ?")
                    .params(migrator.latestVersion(), id).update();
        } catch (RuntimeException e) {
            platform.sql("DELETE FROM platform.tenants WHERE id = ?").param(id).update();
            dropSchema(placement, schema);
            throw e;
        }
        Tenant tenant = registry.findById(id).orElseThrow();
        registry.evict(tenant);
        log.info("Onboarded tenant {} in schema {} on placement {}", slug, schema, placement.name());
        return tenant;
    }

    private Placement leastUsedPlacement() {
        if (placements.all().size() == 1) {
            return placements.forNewTenant();
        }
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        platform.sql("SELECT placement, count(*) AS n FROM platform.tenants GROUP BY placement")
                .query((rs, row) -> counts.put(rs.getString("placement"), rs.getLong("n"))).list();
        Placement best = placements.forNewTenant();
        for (Placement candidate : placements.all()) {
            if (counts.getOrDefault(candidate.name(), 0L) < counts.getOrDefault(best.name(), 0L)) {
                best = candidate;
            }
        }
        return best;
    }

    /** Deletes a tenant and everything it holds. */
    public void offboard(Tenant tenant) {
        Placement placement = placements.get(tenant.placement());
        placement.jdbc().sql("DELETE FROM queue.work_items WHERE tenant_id = ?").param(tenant.id()).update();
        placement.jdbc().sql("DELETE FROM queue.intake WHERE tenant_id = ?").param(tenant.id()).update();
        dropSchema(placement, tenant.schema());
        platform.sql("DELETE FROM platform.api_clients WHERE tenant_slug = ?").param(tenant.slug()).update();
        platform.sql("DELETE FROM platform.tenants WHERE id = ?").param(tenant.id()).update();
        registry.evict(tenant);
        log.info("Offboarded tenant {}", tenant.slug());
    }

    private static void dropSchema(Placement placement, String schema) {
        // schema comes from TenantSlug.schemaFor, never from raw input; identifiers cannot be bound.
        placement.jdbc().sql("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE").update();
    }

    @Override
    public void afterPropertiesSet() throws Exception {
        String latest = migrator.latestVersion();
        List<Tenant> behind = registry.behind(latest);
        if (behind.isEmpty()) {
            return;
        }
        log.info("Migrating {} tenant schemas to version {}", behind.size(), latest);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, behind.size()));
        try {
            List<Future<?>> futures = behind.stream().<Future<?>>map(tenant -> pool.submit(() -> {
                migrator.migrate(tenant.placement(), tenant.schema());
                platform.sql("UPDATE platform.tenants SET schema_version = ? WHERE id = ?")
                        .params(latest, tenant.id()).update();
            })).toList();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The slug does not match {@code ^[a-z][a-z0-9-]{2,39}$}. */
    public static final class InvalidSlugException extends RuntimeException {
        InvalidSlugException(String slug) {
            super("slug must match ^[a-z][a-z0-9-]{2,39}$ without a trailing or double dash");
        }
    }

    /** The named placement is not configured. */
    public static final class UnknownPlacementException extends RuntimeException {
        UnknownPlacementException(String placement) {
            super("no placement named " + placement + " is configured");
        }
    }

    /** The slug is taken. */
    public static final class TenantExistsException extends RuntimeException {
        TenantExistsException(String slug) {
            super("tenant " + slug + " already exists");
        }
    }
}
