package io.switchboard.connector.testkit;

import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;

/**
 * A connector that breaks tenant isolation the way a cache does: it remembers the last context a request
 * verified with and, when a request fails with the current tenant's secrets, tries the remembered ones.
 */
final class SecretRememberingConnector implements WebhookConnector {

    private final SampleWebhookConnector sample = new SampleWebhookConnector(SampleWebhookConnector.Flaw.NONE);
    private ConnectorContext lastVerified;

    @Override
    public ConnectorDescriptor descriptor() {
        return sample.descriptor();
    }

    @Override
    public Verification verify(InboundRequest request, ConnectorContext context) {
        Verification verification = sample.verify(request, context);
        if (verification instanceof Verification.Verified) {
            lastVerified = context;
            return verification;
        }
        return lastVerified == null ? verification : sample.verify(request, lastVerified);
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        return sample.interpret(delivery, context);
    }
}
