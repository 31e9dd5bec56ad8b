package io.switchboard.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.net.Webhook;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import io.switchboard.connector.testkit.InboundRequests;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/** Signed Stripe requests and stored deliveries, built the way Stripe and the platform build them. */
final class StripeTestRequests {

    /** The tenant's current signing secret. */
    static final String SECRET = "whsec_test_current_0123456789abcdef";
    /** The signing secret being rotated out. */
    static final String PREVIOUS_SECRET = "whsec_test_previous_fedcba9876543210";
    /** "Now" for every test: the time requests are signed and checked at. */
    static final Instant NOW = Instant.parse("2026-09-14T10:00:00Z");

    private StripeTestRequests() {}

    /** A {@code Stripe-Signature} header made by stripe-java's own helper over the exact bytes. */
    static String signatureHeader(byte[] body, String secret, Instant signedAt) {
        try {
            return Webhook.Signature.generateSignatureHeader(
                    new String(body, StandardCharsets.UTF_8), secret, signedAt.getEpochSecond());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A POST to the tenant's Stripe webhook URL. */
    static InboundRequest post(byte[] body, String signatureHeader) {
        return InboundRequests.post()
                .url("https://switchboard.example.com/webhooks/acme/stripe")
                .header("Content-Type", "application/json; charset=utf-8")
                .header(StripeConnector.SIGNATURE_HEADER, signatureHeader)
                .body(body)
                .build();
    }

    /** A context for tenant {@code acme} with the current secret, its clock at {@link #NOW}. */
    static FakeConnectorContext.Builder context() {
        return FakeConnectorContext.builder()
                .tenant("acme")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .secret(StripeConnector.WEBHOOK_SECRET, SECRET);
    }

    /**
     * Signs and verifies the body, then stores it as the platform would: the delivery handed to interpret.
     */
    static StoredDelivery stored(byte[] body) {
        Verification verification = new StripeConnector()
                .verify(post(body, signatureHeader(body, SECRET, NOW)), context().build());
        assertThat(verification).isInstanceOf(Verification.Verified.class);
        ReceivedEvent event = ((Verification.Verified) verification).events().get(0);
        return new StoredDelivery(
                "delivery-1", event.dedupeKey(), event.eventType(), event.occurredAt(), NOW, event.payload(), 1);
    }

    /** {@link #stored(byte[])} of UTF-8 text. */
    static StoredDelivery stored(String json) {
        return stored(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A Stripe fixture with its {@code data.object} changed, for variants the shared fixtures do not cover. */
    static String fixtureWith(String file, Consumer<JsonObject> editObject) {
        JsonObject event = JsonParser.parseString(Fixtures.text("stripe/" + file)).getAsJsonObject();
        editObject.accept(event.getAsJsonObject("data").getAsJsonObject("object"));
        return event.toString();
    }
}
