package io.switchboard.platform.connectorhost.misbehaving;

import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.RecordContactActivity;
import java.util.Map;

/** Behaves: records the event on the contact whose email is the body. The control next to the others. */
public final class HealthyConnector extends TestWebhookConnector {

    public static final String PROVIDER = "test-healthy";

    public HealthyConnector() {
        super(PROVIDER);
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        return Interpretation.apply(new RecordContactActivity(ContactRef.byEmail(delivery.payloadText()), "test.healthy",
                "Healthy test event", Map.of("key", delivery.dedupeKey()), delivery.occurredAt()));
    }
}
