package io.switchboard.examples.hmac;

import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.InboundRequests;
import io.switchboard.connector.testkit.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/** Signed requests and tenant contexts for the HMAC connector's tests, signed with the test kit's HMAC helper. */
final class HmacTestRequests {

    static final String SECRET = "whsec-test-0123456789";
    static final String HEADER = "X-Signature";
    static final Instant NOW = Instant.parse("2026-07-30T10:00:00Z");
    static final String ORDER = """
            {"id":"evt_1001","type":"order.paid","data":{"customer":{"email":"Ada@Example.com","phone":"+33612345678"},\
            "amount":4500,"ratio":0.5,"tags":["a","b"],"note":null}}""";

    private HmacTestRequests() {}

    /** A context with the secret and the given settings, as name/value pairs. */
    static FakeConnectorContext context(Object... settings) {
        FakeConnectorContext.Builder builder = FakeConnectorContext.builder().secret(HmacWebhookConnector.SIGNING_SECRET, SECRET);
        for (int i = 0; i < settings.length; i += 2) {
            builder.setting((String) settings[i], settings[i + 1]);
        }
        return builder.build();
    }

    /** The usual settings of a body-signed, hex, SHA-256 scheme with every path set. */
    static FakeConnectorContext orderContext() {
        return context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER,
                HmacWebhookConnector.DEDUPE_KEY_PATH, "$.id",
                HmacWebhookConnector.EVENT_TYPE_PATH, "$.type",
                HmacWebhookConnector.CONTACT_EMAIL_PATH, "$.data.customer.email",
                HmacWebhookConnector.CONTACT_PHONE_PATH, "data.customer.phone");
    }

    /** The hex HMAC of the data. */
    static String hex(String jcaAlgorithm, String secret, byte[] data) {
        return HexFormat.of().formatHex(Signatures.hmac(jcaAlgorithm, secret, data));
    }

    /** The base64 HMAC of the data. */
    static String base64(String jcaAlgorithm, String secret, byte[] data) {
        return Base64.getEncoder().encodeToString(Signatures.hmac(jcaAlgorithm, secret, data));
    }

    /** A POST of the body with the given signature header value. */
    static InboundRequest signed(String body, String signature) {
        return InboundRequests.post().header("Content-Type", "application/json").header(HEADER, signature).body(body)
                .build();
    }

    /** A POST of the body signed with hex HMAC-SHA256 of the body. */
    static InboundRequest signed(String body) {
        return signed(body, hex("HmacSHA256", SECRET, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** What the platform would store for a verified request and hand to interpret. */
    static StoredDelivery stored(Verification verification) {
        ReceivedEvent event = ((Verification.Verified) verification).events().get(0);
        return new StoredDelivery("42", event.dedupeKey(), event.eventType(), event.occurredAt(), NOW, event.payload(), 1);
    }
}
