package io.switchboard.platform.tenancy;

import io.switchboard.platform.database.Placement;
import io.switchboard.platform.database.Placements;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs work against one tenant's schema. Every call is one transaction on the tenant's placement whose
 * {@code search_path} is set with {@code set_config(..., true)}: local to the transaction, so a pooled
 * connection never carries one tenant's schema to the next borrower. Single statements on the hot paths
 * name the schema instead ({@link #table}).
 */
@Component
public class TenantDatabase {

    private final Placements placements;

    public TenantDatabase(Placements placements) {
        this.placements = placements;
    }

    /** Runs the work in one transaction inside the tenant's schema and returns its result. */
    public <T> T inTenant(Tenant tenant, Function<JdbcClient, T> work) {
        Placement placement = placements.get(tenant.placement());
        return placement.tx().execute(status -> {
            enterSchema(placement.jdbc(), tenant);
            return work.apply(placement.jdbc());
        });
    }

    /** Runs the work in one transaction inside the tenant's schema. */
    public void runInTenant(Tenant tenant, java.util.function.Consumer<JdbcClient> work) {
        inTenant(tenant, jdbc -> {
            work.accept(jdbc);
            return null;
        });
    }

    /** Points the current transaction at the tenant's schema; only inside a transaction. */
    static void enterSchema(JdbcClient jdbc, Tenant tenant) {
        // The schema name was derived from a validated slug; it is still passed as a value, not spliced.
        jdbc.sql("SELECT set_config('search_path', ?, true)")
                .param(TenantSlug.schemaFor(tenant.slug()) + ", public")
                .query(String.class)
                .single();
    }

    /**
     * The tenant's table, schema-qualified, for a single statement run outside a transaction on
     * {@link #placementOf}'s pool: one round trip instead of a transaction's four. The schema name comes from
     * the validated slug, never from input.
     */
    public static String table(Tenant tenant, String name) {
        return '"' + TenantSlug.schemaFor(tenant.slug()) + "\"." + name;
    }

    /** The placement holding the tenant's schema. */
    public Placement placementOf(Tenant tenant) {
        return placements.get(tenant.placement());
    }
}
