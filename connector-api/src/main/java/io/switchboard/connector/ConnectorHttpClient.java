package io.switchboard.connector;

import java.io.IOException;

/**
 * The only way a connector reaches the network. The platform's implementation refuses hosts the
 * connector did not declare, follows no redirects and bounds every call in time.
 */
public interface ConnectorHttpClient {

    /**
     * Sends a request and reads the whole response.
     *
     * @throws IOException on connection failures and time-outs (the platform retries the delivery later)
     * @throws SecurityException when the request targets a host the connector may not reach
     */
    HttpResult send(HttpCall call) throws IOException;
}
