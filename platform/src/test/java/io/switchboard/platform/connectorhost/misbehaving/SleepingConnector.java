package io.switchboard.platform.connectorhost.misbehaving;

import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;

/** Hangs in interpret for a minute and ignores interruption, like code stuck in a blocking call that never returns. */
public final class SleepingConnector extends TestWebhookConnector {

    public static final String PROVIDER = "test-sleeping";
    public static final long HANG_MILLIS = 60_000;

    public SleepingConnector() {
        super(PROVIDER);
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        hangDeafToInterruption(HANG_MILLIS);
        return Interpretation.ignore("woke up");
    }
}
