package io.switchboard.connectors.stripe;

import com.stripe.net.Webhook;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import io.switchboard.connector.testkit.InboundRequests;
import io.switchboard.connector.testkit.WebhookConnectorContractTest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * The connector contract for Stripe: a Payment Link checkout signed with stripe-java's own helper at the
 * context clock's "now", by the tenant's current webhook secret.
 */
class StripeConnectorContractTest extends WebhookConnectorContractTest {

    private static final String SECRET = "whsec_contract_5f0e2a7c9b1d4e36";

    @Override
    protected WebhookConnector connector() {
        return new StripeConnector();
    }

    @Override
    protected FakeConnectorContext.Builder contextBuilder() {
        return FakeConnectorContext.builder().secret(StripeConnector.WEBHOOK_SECRET, SECRET);
    }

    @Override
    protected InboundRequest validRequest(FakeConnectorContext context) {
        return signedRequest(Fixtures.bytes("stripe/checkout_session_completed_payment_link.json"), context)
                .orElseThrow();
    }

    @Override
    protected Optional<InboundRequest> signedRequest(byte[] body, FakeConnectorContext context) {
        String secret = context.config().secret(StripeConnector.WEBHOOK_SECRET).orElseThrow();
        String header;
        try {
            header = Webhook.Signature.generateSignatureHeader(
                    new String(body, StandardCharsets.UTF_8), secret, context.clock().instant().getEpochSecond());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return Optional.of(InboundRequests.post()
                .url("https://switchboard.example.com/webhooks/acme/stripe")
                .header("Content-Type", "application/json; charset=utf-8")
                .header(StripeConnector.SIGNATURE_HEADER, header)
                .body(body)
                .build());
    }

    @Override
    protected String signatureHeader() {
        return StripeConnector.SIGNATURE_HEADER;
    }
}
