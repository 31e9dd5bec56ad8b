package io.switchboard.platform.tenancy;

import io.switchboard.platform.database.CacheInvalidation;
import io.switchboard.platform.database.HeardCache;
import io.switchboard.platform.database.Placements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads tenants from the platform schema. Lookups on the webhook path are cached ({@link HeardCache}): evicted when
 * {@link CacheInvalidation} hears of a change to the tenant, on any node.
 */
@Component
public class TenantRegistry {

    private static final String COLUMNS =
            "id, slug, name, schema_name, status, placement, retention_days, created_at";

    private final JdbcClient jdbc;
    private final HeardCache<String, Tenant> bySlug;
    private final HeardCache<Long, Tenant> byId;

    public TenantRegistry(Placements placements, CacheInvalidation invalidation) {
        this.jdbc = placements.main().jdbc();
        this.bySlug = new HeardCache<>(invalidation);
        this.byId = new HeardCache<>(invalidation);
        invalidation.subscribe("tenant", this::changed, () -> {
            bySlug.clear();
            byId.clear();
        });
    }

    /** The tenant with this slug, active or not; empty for an invalid or unknown slug. */
    public Optional<Tenant> find(String slug) {
        if (!TenantSlug.isValid(slug)) {
            return Optional.empty();
        }
        return bySlug.get(slug, s -> jdbc.sql("SELECT " + COLUMNS + " FROM platform.tenants WHERE slug = ?")
                .param(s).query(TenantRegistry::map).optional());
    }

    /** The tenant with this id. */
    public Optional<Tenant> findById(long id) {
        return byId.get(id, i -> jdbc.sql("SELECT " + COLUMNS + " FROM platform.tenants WHERE id = ?")
                .param(i).query(TenantRegistry::map).optional());
    }

    /** Tenants ordered by id, after the given id. */
    public List<Tenant> list(long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM platform.tenants WHERE id > ? ORDER BY id LIMIT ?")
                .param(afterId).param(limit).query(TenantRegistry::map).list();
    }

    /** Tenants whose schema is not at the given migration version. */
    List<Tenant> behind(String version) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM platform.tenants WHERE schema_version <> ? ORDER BY id")
                .param(version).query(TenantRegistry::map).list();
    }

    /** Changes the tenant's display name and raw-payload retention period; returns it as it now is. */
    public Tenant update(Tenant tenant, String name, int retentionDays) {
        jdbc.sql("UPDATE platform.tenants SET name = ?, retention_days = ? WHERE id = ?")
                .params(name, retentionDays, tenant.id()).update();
        evict(tenant);
        return findById(tenant.id()).orElseThrow();
    }

    /** Forgets cached entries for the tenant. */
    void evict(Tenant tenant) {
        bySlug.evict(tenant.slug());
        byId.evict(tenant.id());
    }

    /** A notified change: {@code <id>:<slug>}. */
    private void changed(String key) {
        int colon = key.indexOf(':');
        long id = Long.parseLong(colon < 0 ? key : key.substring(0, colon));
        byId.evict(id);
        if (colon >= 0) {
            bySlug.evict(key.substring(colon + 1));
        }
        bySlug.evictIf(t -> t.id() == id);
    }

    static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(rs.getLong("id"), rs.getString("slug"), rs.getString("name"), rs.getString("schema_name"),
                rs.getString("status"), rs.getString("placement"), rs.getInt("retention_days"),
                rs.getTimestamp("created_at").toInstant());
    }
}
