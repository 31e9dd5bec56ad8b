package io.switchboard.platform.tenancy;

import io.switchboard.platform.database.Placements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads tenants from the platform schema. Lookups by slug on the webhook path are cached for a few seconds;
 * changes made through this node evict at once, other nodes see them within the cache time.
 */
@Component
public class TenantRegistry {

    private static final Duration CACHE_TIME = Duration.ofSeconds(5);
    private static final String COLUMNS =
            "id, slug, name, schema_name, status, placement, retention_days, created_at";

    private final JdbcClient jdbc;
    private final Map<String, Cached> bySlug = new ConcurrentHashMap<>();
    private final Map<Long, Cached> byId = new ConcurrentHashMap<>();

    public TenantRegistry(Placements placements) {
        this.jdbc = placements.main().jdbc();
    }

    /** The tenant with this slug, active or not; empty for an invalid or unknown slug. */
    public Optional<Tenant> find(String slug) {
        if (!TenantSlug.isValid(slug)) {
            return Optional.empty();
        }
        Cached cached = bySlug.get(slug);
        if (cached != null && cached.fresh()) {
            return Optional.ofNullable(cached.tenant());
        }
        Optional<Tenant> tenant = jdbc.sql("SELECT " + COLUMNS + " FROM platform.tenants WHERE slug = ?")
                .param(slug).query(TenantRegistry::map).optional();
        bySlug.put(slug, new Cached(tenant.orElse(null), Instant.now()));
        return tenant;
    }

    /** The tenant with this id. */
    public Optional<Tenant> findById(long id) {
        Cached cached = byId.get(id);
        if (cached != null && cached.fresh()) {
            return Optional.ofNullable(cached.tenant());
        }
        Optional<Tenant> tenant = jdbc.sql("SELECT " + COLUMNS + " FROM platform.tenants WHERE id = ?")
                .param(id).query(TenantRegistry::map).optional();
        byId.put(id, new Cached(tenant.orElse(null), Instant.now()));
        return tenant;
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
        bySlug.remove(tenant.slug());
        byId.remove(tenant.id());
    }

    static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(rs.getLong("id"), rs.getString("slug"), rs.getString("name"), rs.getString("schema_name"),
                rs.getString("status"), rs.getString("placement"), rs.getInt("retention_days"),
                rs.getTimestamp("created_at").toInstant());
    }

    private record Cached(Tenant tenant, Instant at) {
        boolean fresh() {
            return at.plus(CACHE_TIME).isAfter(Instant.now());
        }
    }
}
