package io.switchboard.platform.connectorhost.misbehaving;

import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;

/** Throws from every interpret call. */
public final class ThrowingConnector extends TestWebhookConnector {

    public static final String PROVIDER = "test-throwing";
    public static final String MESSAGE = "interpret exploded on purpose";

    public ThrowingConnector() {
        super(PROVIDER);
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        throw new IllegalStateException(MESSAGE);
    }
}
