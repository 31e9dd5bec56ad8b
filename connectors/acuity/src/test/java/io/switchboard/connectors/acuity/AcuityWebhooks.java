package io.switchboard.connectors.acuity;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.command.RecordBooking;
import io.switchboard.connector.testkit.InboundRequests;
import io.switchboard.connector.testkit.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds signed Acuity webhook requests and turns verified ones into stored deliveries, as the platform does. */
final class AcuityWebhooks {

    static final String API_KEY = "acuity-test-api-key-3f9c";
    static final String USER_ID = "21458796";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String WEBHOOK_URL = "https://switchboard.example.com/webhooks/acme/acuity";

    private AcuityWebhooks() {}

    /** A request whose body is signed with {@link #API_KEY}. */
    static InboundRequest signed(String contentType, byte[] body) {
        return signedWith(API_KEY, contentType, body);
    }

    /** A form request whose body is signed with {@link #API_KEY}. */
    static InboundRequest signedForm(String body) {
        return signed(FORM, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A request whose body is signed with the given key. */
    static InboundRequest signedWith(String key, String contentType, byte[] body) {
        return InboundRequests.post()
                .url(WEBHOOK_URL)
                .header("Content-Type", contentType)
                .header("X-Acuity-Signature", Signatures.acuitySignature(key, body))
                .body(body)
                .build();
    }

    /** Verifies the request, expecting success, and returns its single event. */
    static ReceivedEvent verifiedEvent(AcuityConnector connector, InboundRequest request, ConnectorContext context) {
        Verification verification = connector.verify(request, context);
        assertThat(verification).isInstanceOf(Verification.Verified.class);
        Verification.Verified verified = (Verification.Verified) verification;
        assertThat(verified.events()).hasSize(1);
        return verified.events().get(0);
    }

    /** The answers of the booking's first intake form. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> firstFormValues(RecordBooking booking) {
        List<Map<String, Object>> forms = (List<Map<String, Object>>) booking.intakeData().get("forms");
        return (List<Map<String, Object>>) forms.get(0).get("values");
    }

    /** The delivery the platform would store for a verified event. */
    static StoredDelivery stored(ReceivedEvent event, Instant receivedAt) {
        return new StoredDelivery("dlv-1", event.dedupeKey(), event.eventType(), event.occurredAt(), receivedAt,
                event.payload(), 1);
    }
}
