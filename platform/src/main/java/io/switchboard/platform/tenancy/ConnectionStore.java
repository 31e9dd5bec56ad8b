package io.switchboard.platform.tenancy;

import io.switchboard.platform.database.CacheInvalidation;
import io.switchboard.platform.database.HeardCache;
import io.switchboard.platform.database.Placements;
import io.switchboard.platform.secrets.SecretsVault;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenants' connections, secrets sealed by the {@link SecretsVault}. Reads on the webhook path are cached (decrypted,
 * in memory only, {@link HeardCache}): evicted when {@link CacheInvalidation} hears of a change to the connection, on
 * any node.
 */
@Component
public class ConnectionStore {

    private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final SecretsVault vault;
    private final JsonMapper json;
    private final HeardCache<String, Connection> cache;

    public ConnectionStore(Placements placements, SecretsVault vault, JsonMapper json, CacheInvalidation invalidation) {
        this.jdbc = placements.main().jdbc();
        this.vault = vault;
        this.json = json;
        this.cache = new HeardCache<>(invalidation);
        // a change's key is "<tenant id>:<provider>", the cache's
        invalidation.subscribe("connection", cache::evict, cache::clear);
    }

    /** The tenant's connection for the provider, enabled or not. */
    public Optional<Connection> find(long tenantId, String provider) {
        return cache.get(tenantId + ":" + provider, key -> jdbc.sql("""
                SELECT tenant_id, provider, enabled, settings::text AS settings, secrets, secrets_key_id, updated_at
                FROM platform.connections WHERE tenant_id = ? AND provider = ?""")
                .params(tenantId, provider).query(this::map).optional());
    }

    /** Every connection of the tenant, by provider id. */
    public List<Connection> list(long tenantId) {
        return jdbc.sql("""
                SELECT tenant_id, provider, enabled, settings::text AS settings, secrets, secrets_key_id, updated_at
                FROM platform.connections WHERE tenant_id = ? ORDER BY provider""")
                .param(tenantId).query(this::map).list();
    }

    /**
     * Creates or replaces a connection. Settings are replaced; secrets are merged: a given value replaces
     * the stored one, an empty value removes it, an absent name keeps it.
     */
    public Connection save(long tenantId, String provider, boolean enabled, Map<String, Object> settings,
            Map<String, String> secretChanges, String routeKey) {
        Map<String, String> secrets = new LinkedHashMap<>(find(tenantId, provider).map(Connection::secrets).orElse(Map.of()));
        secretChanges.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                secrets.remove(name);
            } else {
                secrets.put(name, value);
            }
        });
        SecretsVault.Sealed sealed = vault.seal(json.writeValueAsBytes(secrets), owner(tenantId, provider));
        jdbc.sql("""
                INSERT INTO platform.connections (tenant_id, provider, enabled, settings, secrets, secrets_key_id,
                    secret_fields, route_key, updated_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, now())
                ON CONFLICT (tenant_id, provider) DO UPDATE SET enabled = EXCLUDED.enabled,
                    settings = EXCLUDED.settings, secrets = EXCLUDED.secrets, secrets_key_id = EXCLUDED.secrets_key_id,
                    secret_fields = EXCLUDED.secret_fields, route_key = EXCLUDED.route_key, updated_at = now()""")
                .params(tenantId, provider, enabled, json.writeValueAsString(settings), sealed.ciphertext(), sealed.keyId(),
                        secrets.keySet().toArray(String[]::new), routeKey)
                .update();
        cache.evict(tenantId + ":" + provider);
        return find(tenantId, provider).orElseThrow();
    }

    /** Tenants whose connection for the provider carries this route key (Meta page id). */
    public List<Long> tenantsByRouteKey(String provider, String routeKey) {
        return jdbc.sql("SELECT tenant_id FROM platform.connections WHERE provider = ? AND route_key = ? AND enabled")
                .params(provider, routeKey).query(Long.class).list();
    }

    /** Seals every connection whose secrets use an older key with the active key; returns how many. */
    public int resealWithActiveKey() {
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT tenant_id, provider, secrets, secrets_key_id FROM platform.connections
                WHERE secrets IS NOT NULL AND secrets_key_id <> ?""").param(vault.activeKeyId()).query().listOfRows();
        for (Map<String, Object> row : rows) {
            long tenantId = ((Number) row.get("tenant_id")).longValue();
            String provider = (String) row.get("provider");
            String owner = owner(tenantId, provider);
            byte[] plain = vault.open(new SecretsVault.Sealed((String) row.get("secrets_key_id"), (byte[]) row.get("secrets")), owner);
            SecretsVault.Sealed sealed = vault.seal(plain, owner);
            jdbc.sql("UPDATE platform.connections SET secrets = ?, secrets_key_id = ? WHERE tenant_id = ? AND provider = ?")
                    .params(sealed.ciphertext(), sealed.keyId(), tenantId, provider).update();
        }
        cache.clear();
        return rows.size();
    }

    private Connection map(ResultSet rs, int row) throws SQLException {
        long tenantId = rs.getLong("tenant_id");
        String provider = rs.getString("provider");
        byte[] ciphertext = rs.getBytes("secrets");
        Map<String, String> secrets = ciphertext == null ? Map.of()
                : json.readValue(vault.open(new SecretsVault.Sealed(rs.getString("secrets_key_id"), ciphertext),
                        owner(tenantId, provider)), SECRETS);
        return new Connection(tenantId, provider, rs.getBoolean("enabled"), json.readValue(rs.getString("settings"), SETTINGS),
                secrets, rs.getTimestamp("updated_at").toInstant());
    }

    private static String owner(long tenantId, String provider) {
        return "connection:" + tenantId + ":" + provider;
    }
}
