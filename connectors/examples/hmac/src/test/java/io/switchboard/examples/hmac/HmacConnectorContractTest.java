package io.switchboard.examples.hmac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.connector.command.LogIncident;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.InboundRequests;
import io.switchboard.connector.testkit.WebhookConnectorContractTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The test kit's contract, run against the HMAC connector with a tenant that signs hex HMAC-SHA256 of a
 * timestamp and the body, and maps an event id, type and contact email.
 */
class HmacConnectorContractTest extends WebhookConnectorContractTest {

    private static final String BODY = """
            {"id":"evt_contract_1","type":"invoice.sent","customer":{"email":"contract@example.com"}}""";

    @Override
    protected WebhookConnector connector() {
        return new HmacWebhookConnector();
    }

    @Override
    protected FakeConnectorContext.Builder contextBuilder() {
        return FakeConnectorContext.builder()
                .secret(HmacWebhookConnector.SIGNING_SECRET, "whsec-contract-0123456789")
                .setting(HmacWebhookConnector.SIGNATURE_HEADER, "X-Webhook-Signature")
                .setting(HmacWebhookConnector.SIGNED_CONTENT, "timestamp.body")
                .setting(HmacWebhookConnector.TIMESTAMP_HEADER, "X-Webhook-Timestamp")
                .setting(HmacWebhookConnector.DEDUPE_KEY_PATH, "$.id")
                .setting(HmacWebhookConnector.EVENT_TYPE_PATH, "$.type")
                .setting(HmacWebhookConnector.CONTACT_EMAIL_PATH, "$.customer.email");
    }

    @Override
    protected InboundRequest validRequest(FakeConnectorContext context) {
        return signedRequest(BODY.getBytes(StandardCharsets.UTF_8), context).orElseThrow();
    }

    @Override
    protected String signatureHeader() {
        return "X-Webhook-Signature";
    }

    @Override
    protected Optional<InboundRequest> signedRequest(byte[] body, FakeConnectorContext context) {
        String timestamp = Long.toString(context.clock().instant().getEpochSecond());
        String secret = context.config().secret(HmacWebhookConnector.SIGNING_SECRET).orElseThrow();
        String signature = HmacTestRequests.hex("HmacSHA256", secret,
                HmacSignatureVerifier.timestampAndBody(timestamp, body));
        return Optional.of(InboundRequests.post()
                .header("Content-Type", "application/json")
                .header("X-Webhook-Signature", signature)
                .header("X-Webhook-Timestamp", timestamp)
                .body(body)
                .build());
    }

    /**
     * Replaces the kit's check because a generic connector cannot tell "unreadable" from "names nobody": a
     * payload that is not JSON fails, but well-formed JSON without a contact at the tenant's paths (an empty
     * object, {@code null}, an array) is a real event of a provider it does not know, kept as an incident
     * carrying the event so the tenant can fix the paths. What stays from the contract: no exception, no
     * retry, and nothing recorded on a contact.
     */
    @Override
    @Test
    public void unreadablePayloadFailsOrIsIgnored() {
        WebhookConnector connector = connector();
        StoredDelivery real = storedDeliveries(connector).get(0);

        garbageBodies().forEach((what, body) -> {
            StoredDelivery garbage = new StoredDelivery(real.id(), real.dedupeKey(), real.eventType(),
                    real.occurredAt(), real.receivedAt(), body, 1);
            Interpretation[] result = new Interpretation[1];
            assertThatCode(() -> result[0] = connector.interpret(garbage, newContext())).as(what)
                    .doesNotThrowAnyException();
            if (result[0] instanceof Interpretation.Apply apply) {
                assertThat(apply.commands()).as("commands for %s", what).singleElement()
                        .isInstanceOfSatisfying(LogIncident.class, incident ->
                                assertThat(incident.kind()).isEqualTo(HmacEventInterpreter.NO_CONTACT_INCIDENT));
            } else {
                assertThat(result[0]).as(what).isInstanceOfAny(Interpretation.Fail.class, Interpretation.Ignore.class);
            }
        });
    }
}
