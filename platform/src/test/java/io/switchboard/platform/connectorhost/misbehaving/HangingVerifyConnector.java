package io.switchboard.platform.connectorhost.misbehaving;

import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;

/** Hangs in verify, on the request thread, deaf to interruption, like a signature check stuck on a lock. */
public final class HangingVerifyConnector extends TestWebhookConnector {

    public static final String PROVIDER = "test-hanging-verify";
    public static final long HANG_MILLIS = 15_000;

    public HangingVerifyConnector() {
        super(PROVIDER);
    }

    @Override
    public Verification verify(InboundRequest request, ConnectorContext context) {
        hangDeafToInterruption(HANG_MILLIS);
        return super.verify(request, context);
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        return Interpretation.ignore("hung in verify");
    }
}
