package io.switchboard.platform.tenancy;

import io.switchboard.connector.ConnectorConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A tenant's configuration of one provider.
 *
 * @param tenantId the tenant
 * @param provider the provider id
 * @param enabled whether webhooks and sends are accepted
 * @param settings plain settings
 * @param secrets decrypted secrets: keep in memory only for the call that needs them
 * @param updatedAt when it last changed
 */
public record Connection(
        long tenantId, String provider, boolean enabled, Map<String, Object> settings, Map<String, String> secrets,
        Instant updatedAt) {

    /** The configuration handed to the connector. */
    public ConnectorConfig config() {
        return new ConnectorConfig(settings, secrets);
    }

    /** The names of the secrets that are set, never their values. */
    public List<String> secretFieldsSet() {
        return secrets.keySet().stream().sorted().toList();
    }

    @Override
    public String toString() {
        return "Connection[tenant=" + tenantId + ", provider=" + provider + ", secrets=" + secretFieldsSet() + "]";
    }
}
