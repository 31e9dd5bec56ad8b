package io.switchboard.platform.connectorhost.misbehaving;

import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;

/** Packed with a {@code Plugin-Requires} of a connector API the platform does not provide. */
public final class FutureApiConnector extends TestWebhookConnector {

    public static final String PROVIDER = "test-future-api";

    public FutureApiConnector() {
        super(PROVIDER);
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        return Interpretation.ignore("never loaded");
    }
}
