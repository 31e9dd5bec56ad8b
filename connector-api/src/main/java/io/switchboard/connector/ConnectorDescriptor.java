package io.switchboard.connector;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a connector is and what it needs.
 *
 * @param providerId the path segment of its webhook URL and the key of a tenant's connection, for example
 *     {@code stripe}; lower case letters, digits and dashes
 * @param displayName the provider's name as people know it
 * @param description one sentence on what the connector does
 * @param fields the configuration a tenant enters for a connection, secrets included
 * @param eventTypes the provider event types the connector understands (others are stored and ignored)
 * @param defaultApiBaseUrl the provider API the connector calls, when it calls one; operators may point it
 *     elsewhere (a proxy, a local fake) with {@code switchboard.connectors.<providerId>.api-base-url}
 * @param allowedHosts the hosts the connector's HTTP client may reach besides the configured API base URL
 */
public record ConnectorDescriptor(
        String providerId,
        String displayName,
        String description,
        List<ConfigField> fields,
        List<String> eventTypes,
        URI defaultApiBaseUrl,
        List<String> allowedHosts) {

    /** Placeholder for connectors that call no provider API. */
    public static final URI NO_API = URI.create("about:blank");

    public ConnectorDescriptor {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultApiBaseUrl, "defaultApiBaseUrl");
        if (!providerId.matches("[a-z][a-z0-9-]{1,39}")) {
            throw new IllegalArgumentException("provider ids are lower-case slugs: " + providerId);
        }
        fields = List.copyOf(fields);
        eventTypes = List.copyOf(eventTypes);
        allowedHosts = List.copyOf(allowedHosts);
        long distinct = fields.stream().map(ConfigField::name).distinct().count();
        if (distinct != fields.size()) {
            throw new IllegalArgumentException("duplicate config field names in " + providerId);
        }
    }

    /** Whether this connector calls a provider API. */
    public boolean callsApi() {
        return !NO_API.equals(defaultApiBaseUrl);
    }
}
