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
        long until = System.nanoTime() + HANG_MILLIS * 1_000_000;
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException ignored) {
                // Deliberately deaf to cancellation: the platform must not depend on a plugin's cooperation.
            }
        }
        return Interpretation.ignore("woke up");
    }
}
