package io.switchboard.examples.hmac;

import com.google.gson.JsonElement;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.Verification;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** Reads the one event of a verified request: its dedupe key, type and time, as the tenant's paths say. */
final class HmacEventReader {

    /** The event type when the tenant sets no path or the event has none there. */
    static final String DEFAULT_EVENT_TYPE = "webhook";
    /** Prefix of dedupe keys made from the body, so they never collide with a provider's own ids. */
    static final String BODY_HASH_PREFIX = "sha256:";
    private static final int MAX_DEDUPE_KEY = 255;
    private static final int MAX_EVENT_TYPE = 100;

    private HmacEventReader() {}

    /** The request's event, or a rejection when the body is not JSON. */
    static Verification read(InboundRequest request, HmacSettings settings, Clock clock) {
        byte[] body = request.body();
        Optional<JsonElement> json = StrictJson.parse(body);
        if (json.isEmpty()) {
            return Verification.rejected("body is not a JSON document");
        }
        String dedupeKey = settings.dedupeKeyPath().text(json.get())
                .filter(key -> key.length() <= MAX_DEDUPE_KEY)
                .orElseGet(() -> BODY_HASH_PREFIX + sha256Hex(body));
        String eventType = settings.eventTypePath().text(json.get())
                .map(type -> type.length() > MAX_EVENT_TYPE ? type.substring(0, MAX_EVENT_TYPE) : type)
                .orElse(DEFAULT_EVENT_TYPE);
        // Without a signed time, the provider's own time is unknown: the time of receipt orders the events.
        Instant occurredAt = HmacSignatureVerifier.signedAt(request, settings).orElseGet(clock::instant);
        return Verification.verified(new ReceivedEvent(dedupeKey, eventType, occurredAt, body));
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
