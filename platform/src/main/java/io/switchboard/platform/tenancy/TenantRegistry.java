package io.switchboard.platform.tenancy;

import io.switchboard.platform.database.CacheInvalidation;
import io.switchboard.platform.database.Placements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads tenants from the platform schema. Lookups on the webhook path are cached: for minutes while this node hears
 * of every change to a tenant ({@link CacheInvalidation}, which evicts it), for a few seconds while it does not.
 * Unknown slugs are remembered for a few seconds only, and at most {@link #MAX_ENTRIES} entries are kept.
 */
@Component
public class TenantRegistry {

    private static final Duration CACHE_TIME = Duration.ofSeconds(5);
    private static final Duration HEARD_CACHE_TIME = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 20_000;
    private static final String COLUMNS =
            "id, slug, name, schema_name, status, placement, retention_days, created_at";

    private final JdbcClient jdbc;
    private final Map<String, Cached> bySlug = new ConcurrentHashMap<>();
    private final Map<Long, Cached> byId = new ConcurrentHashMap<>();
    private final CacheInvalidation invalidation;
    /** Bumped by every eviction: a row read before one is not cached, as it may be older than the change. */
    private final AtomicLong evictions = new AtomicLong();

    public TenantRegistry(Placements placements, CacheInvalidation invalidation) {
        this.jdbc = placements.main().jdbc();
        this.invalidation = invalidation;
        invalidation.subscribe("tenant", CacheInvalidation.subscriber(this::changed, this::clear));
    }

    /** The tenant with this slug, active or not; empty for an invalid or unknown slug. */
    public Optional<Tenant> find(String slug) {
        if (!TenantSlug.isValid(slug)) {
            return Optional.empty();
        }
        Cached cached = bySlug.get(slug);
        if (cached != null && fresh(cached)) {
            return Optional.ofNullable(cached.tenant());
        }
        long before = evictions.get();
        Optional<Tenant> tenant = jdbc.sql("SELECT " + COLUMNS + " FROM platform.tenants WHERE slug = ?")
                .param(slug).query(TenantRegistry::map).optional();
        remember(bySlug, slug, tenant, before);
        return tenant;
    }

    /** The tenant with this id. */
    public Optional<Tenant> findById(long id) {
        Cached cached = byId.get(id);
        if (cached != null && fresh(cached)) {
            return Optional.ofNullable(cached.tenant());
        }
        long before = evictions.get();
        Optional<Tenant> tenant = jdbc.sql("SELECT " + COLUMNS + " FROM platform.tenants WHERE id = ?")
                .param(id).query(TenantRegistry::map).optional();
        remember(byId, id, tenant, before);
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
        evictions.incrementAndGet();
        bySlug.remove(tenant.slug());
        byId.remove(tenant.id());
    }

    /** A notified change: {@code <id>:<slug>}. */
    private void changed(String key) {
        int colon = key.indexOf(':');
        long id = Long.parseLong(colon < 0 ? key : key.substring(0, colon));
        evictions.incrementAndGet();
        byId.remove(id);
        if (colon >= 0) {
            bySlug.remove(key.substring(colon + 1));
        }
        bySlug.values().removeIf(c -> c.tenant() != null && c.tenant().id() == id);
    }

    private void clear() {
        evictions.incrementAndGet();
        bySlug.clear();
        byId.clear();
    }

    private <K> void remember(Map<K, Cached> cache, K key, Optional<Tenant> tenant, long evictionsBefore) {
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear(); // unknown slugs by the thousand: start again rather than grow
        }
        if (evictions.get() == evictionsBefore) {
            cache.put(key, new Cached(tenant.orElse(null), Instant.now()));
        }
    }

    private boolean fresh(Cached cached) {
        Duration time = cached.tenant() != null && invalidation.live() ? HEARD_CACHE_TIME : CACHE_TIME;
        return cached.at().plus(time).isAfter(Instant.now());
    }

    static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(rs.getLong("id"), rs.getString("slug"), rs.getString("name"), rs.getString("schema_name"),
                rs.getString("status"), rs.getString("placement"), rs.getInt("retention_days"),
                rs.getTimestamp("created_at").toInstant());
    }

    private record Cached(Tenant tenant, Instant at) {}
}
