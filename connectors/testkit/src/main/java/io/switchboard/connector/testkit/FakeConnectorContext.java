package io.switchboard.connector.testkit;

import io.switchboard.connector.ConnectorConfig;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorHttpClient;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ConnectorContext} for tests: a fixed configuration, a fixed clock, and an HTTP client that really
 * calls (a local fake of the provider) and records every exchange.
 */
public final class FakeConnectorContext implements ConnectorContext {

    private final String tenant;
    private final ConnectorConfig config;
    private final Clock clock;
    private final URI apiBaseUrl;
    private final RecordingHttpClient http;

    private FakeConnectorContext(Builder builder) {
        this.tenant = builder.tenant;
        this.config = new ConnectorConfig(builder.settings, builder.secrets);
        this.clock = builder.clock;
        this.apiBaseUrl = builder.apiBaseUrl;
        this.http = new RecordingHttpClient(builder.delegate);
    }

    /** A builder with tenant {@code acme}, no configuration and a clock fixed at 2026-07-30T10:00:00Z. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String tenant() {
        return tenant;
    }

    @Override
    public ConnectorConfig config() {
        return config;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public URI apiBaseUrl() {
        return apiBaseUrl;
    }

    @Override
    public ConnectorHttpClient http() {
        return http;
    }

    /** The recording client, to assert on the calls made. */
    public RecordingHttpClient recordedHttp() {
        return http;
    }

    @Override
    public Logger log() {
        return LoggerFactory.getLogger("connector." + tenant);
    }

    /** Builds a {@link FakeConnectorContext}. */
    public static final class Builder {
        private String tenant = "acme";
        private final Map<String, Object> settings = new LinkedHashMap<>();
        private final Map<String, String> secrets = new LinkedHashMap<>();
        private Clock clock = Clock.fixed(Instant.parse("2026-07-30T10:00:00Z"), ZoneOffset.UTC);
        private URI apiBaseUrl = URI.create("http://127.0.0.1:9");
        private ConnectorHttpClient delegate = new JdkConnectorHttpClient();

        private Builder() {}

        /** The tenant slug. */
        public Builder tenant(String value) {
            this.tenant = value;
            return this;
        }

        /** A setting. */
        public Builder setting(String name, Object value) {
            settings.put(name, value);
            return this;
        }

        /** A secret. */
        public Builder secret(String name, String value) {
            secrets.put(name, value);
            return this;
        }

        /** The clock. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** The provider API base URL, usually a local fake's. */
        public Builder apiBaseUrl(String value) {
            this.apiBaseUrl = URI.create(value.replaceAll("/+$", ""));
            return this;
        }

        /** Another HTTP client to record around. */
        public Builder http(ConnectorHttpClient value) {
            this.delegate = value;
            return this;
        }

        /** The context. */
        public FakeConnectorContext build() {
            return new FakeConnectorContext(this);
        }
    }
}
