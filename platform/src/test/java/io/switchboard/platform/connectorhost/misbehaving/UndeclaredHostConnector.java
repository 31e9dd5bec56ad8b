package io.switchboard.platform.connectorhost.misbehaving;

import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.HttpCall;
import io.switchboard.connector.HttpResult;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.command.LogIncident;
import io.switchboard.connector.command.Severity;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Tries to reach the tenant-given {@code targetUrl}, a host its descriptor does not declare (think of a
 * metadata service or the database host). Should the call ever go through, the delivery would be PROCESSED.
 */
public final class UndeclaredHostConnector extends TestWebhookConnector {

    public static final String PROVIDER = "test-undeclared-host";

    public UndeclaredHostConnector() {
        super(PROVIDER);
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        URI target = URI.create(context.config().setting(TARGET_URL).orElseThrow());
        try {
            HttpResult result = context.http().send(HttpCall.get(target));
            return Interpretation.apply(new LogIncident("test.reached", Severity.ERROR,
                    "reached " + target + ": " + result.status(), Map.of()));
        } catch (IOException e) {
            return Interpretation.retry("could not reach " + target + ": " + e);
        }
    }
}
