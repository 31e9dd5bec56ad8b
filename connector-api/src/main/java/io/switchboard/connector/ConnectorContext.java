package io.switchboard.connector;

import java.net.URI;
import java.time.Clock;
import org.slf4j.Logger;

/**
 * Everything a connector may use during one call, for one tenant. Created by the platform per call; do not
 * keep it beyond the call.
 */
public interface ConnectorContext {

    /** The tenant's slug. */
    String tenant();

    /** The tenant's configuration of this connector, secrets included. */
    ConnectorConfig config();

    /** The clock to read "now" from; tests fix it. */
    Clock clock();

    /**
     * The provider API base URL chosen by the operator (default {@link ConnectorDescriptor#defaultApiBaseUrl()}),
     * without a trailing slash.
     */
    URI apiBaseUrl();

    /**
     * An HTTP client that reaches only the API base URL's host and the descriptor's allowed hosts, follows
     * no redirects and enforces time limits.
     */
    ConnectorHttpClient http();

    /** A logger whose lines carry the tenant and delivery. */
    Logger log();
}
