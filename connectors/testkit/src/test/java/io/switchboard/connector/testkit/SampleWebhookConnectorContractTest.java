package io.switchboard.connector.testkit;

import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.WebhookConnector;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The whole contract, run against a connector that keeps it: every check must pass. */
class SampleWebhookConnectorContractTest extends WebhookConnectorContractTest {

    static final String SECRET = "sample-secret-4b1d";
    static final byte[] BODY = "id=evt_1001&type=order.created&email=elodie.martin%40example.fr"
            .getBytes(StandardCharsets.UTF_8);

    @Override
    protected WebhookConnector connector() {
        return new SampleWebhookConnector(SampleWebhookConnector.Flaw.NONE);
    }

    @Override
    protected FakeConnectorContext.Builder contextBuilder() {
        return FakeConnectorContext.builder().secret(SampleWebhookConnector.SIGNING_SECRET, SECRET);
    }

    @Override
    protected InboundRequest validRequest(FakeConnectorContext context) {
        return signedRequest(BODY, context).orElseThrow();
    }

    @Override
    protected Optional<InboundRequest> signedRequest(byte[] body, FakeConnectorContext context) {
        String secret = context.config().secret(SampleWebhookConnector.SIGNING_SECRET).orElseThrow();
        return Optional.of(InboundRequests.post()
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(SampleWebhookConnector.HEADER, SampleWebhookConnector.sign(secret, body))
                .body(body)
                .build());
    }

    @Override
    protected String signatureHeader() {
        return SampleWebhookConnector.HEADER;
    }
}
