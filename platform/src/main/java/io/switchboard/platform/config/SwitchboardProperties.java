package io.switchboard.platform.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operator configuration ({@code switchboard.*}). Tenants never set any of it: provider API base URLs in
 * particular are operator-only, so a tenant cannot point the platform at an internal host.
 *
 * @param publicBaseUrl the externally visible base URL, used to show webhook URLs and to check Twilio
 *     signatures behind a proxy
 * @param dataDir where the embedded database, the master key file and other local state live
 * @param pluginsDir where connector plugin jars are loaded from
 * @param adminClientId the bootstrap admin OAuth client id (generated when blank)
 * @param adminClientSecret the bootstrap admin OAuth client secret (generated and printed once when blank)
 * @param masterKey {@code keyId:base64} AES-256 key for secrets at rest; a key file in the data folder when blank
 * @param previousMasterKeys older keys, {@code keyId:base64} separated by commas, still able to decrypt
 * @param ingress webhook ingress limits
 * @param processing worker settings
 * @param connectors per provider operator settings
 * @param placements extra PostgreSQL servers tenants can be placed on, by name
 * @param defaultPlacement the placement new tenants get
 */
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(
        URI publicBaseUrl,
        Path dataDir,
        Path pluginsDir,
        String adminClientId,
        String adminClientSecret,
        String masterKey,
        String previousMasterKeys,
        Ingress ingress,
        Processing processing,
        Map<String, ConnectorSettings> connectors,
        Map<String, Placement> placements,
        String defaultPlacement) {

    public SwitchboardProperties {
        publicBaseUrl = publicBaseUrl == null ? URI.create("http://localhost:8080") : publicBaseUrl;
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        pluginsDir = pluginsDir == null ? Path.of("plugins") : pluginsDir;
        adminClientId = adminClientId == null ? "" : adminClientId;
        adminClientSecret = adminClientSecret == null ? "" : adminClientSecret;
        masterKey = masterKey == null ? "" : masterKey;
        previousMasterKeys = previousMasterKeys == null ? "" : previousMasterKeys;
        ingress = ingress == null ? new Ingress(1024 * 1024, 0) : ingress;
        processing = processing == null ? Processing.defaults() : processing;
        connectors = connectors == null ? Map.of() : new LinkedHashMap<>(connectors);
        placements = placements == null ? Map.of() : new LinkedHashMap<>(placements);
        defaultPlacement = defaultPlacement == null || defaultPlacement.isBlank() ? "main" : defaultPlacement;
    }

    /** The public base URL without a trailing slash. */
    public String publicBase() {
        return publicBaseUrl.toString().replaceAll("/+$", "");
    }

    /** @param maxBodyBytes the largest webhook body accepted; larger ones get 413 */
    /**
     * @param maxBodyBytes the largest webhook body accepted; larger ones get 413
     * @param maxConcurrentVerifications how many requests of one provider its connector may be verifying at once
     *     (default 32): a plugin that hangs in verify holds at most that many request threads, and its provider's
     *     further requests get 503 at once while the other providers are served
     */
    public record Ingress(long maxBodyBytes, int maxConcurrentVerifications) {
        public Ingress {
            maxConcurrentVerifications = maxConcurrentVerifications <= 0 ? 32 : maxConcurrentVerifications;
        }
    }

    /**
     * @param enabled whether this node runs workers
     * @param workers worker threads per placement
     * @param batchSize queue entries claimed at once by a worker
     * @param maxAttempts attempts before a delivery is dead-lettered
     * @param pollInterval wait between polls of an empty queue
     * @param lease how long a claimed entry stays invisible to other workers
     * @param backoffBase first retry delay, doubled per attempt
     * @param backoffMax the longest retry delay
     * @param connectorTimeout the longest a connector call may take
     */
    public record Processing(
            boolean enabled,
            int workers,
            int batchSize,
            int maxAttempts,
            Duration pollInterval,
            Duration lease,
            Duration backoffBase,
            Duration backoffMax,
            Duration connectorTimeout) {

        static Processing defaults() {
            return new Processing(true, 4, 50, 8, Duration.ofMillis(200), Duration.ofSeconds(120), Duration.ofSeconds(2),
                    Duration.ofHours(1), Duration.ofSeconds(30));
        }
    }

    /**
     * @param apiBaseUrl where the connector's provider API is (a proxy or a local fake); the connector's
     *     default when unset
     * @param allowPrivateNetwork whether the connector's HTTP client may reach loopback and private
     *     addresses (only for tests and local fakes)
     */
    public record ConnectorSettings(URI apiBaseUrl, boolean allowPrivateNetwork) {}

    /**
     * @param url JDBC URL of the server
     * @param username user
     * @param password password
     */
    public record Placement(String url, String username, String password) {}
}
