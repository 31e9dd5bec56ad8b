package io.switchboard.platform.connectorhost.misbehaving;

import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;

/** Fails while the platform reads what it is. */
public final class BrokenDescriptorConnector extends TestWebhookConnector {

    public static final String PROVIDER = "test-broken";
    public static final String MESSAGE = "descriptor exploded on purpose";

    public BrokenDescriptorConnector() {
        super(PROVIDER);
    }

    @Override
    public ConnectorDescriptor descriptor() {
        throw new IllegalStateException(MESSAGE);
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        return Interpretation.ignore("never loaded");
    }
}
