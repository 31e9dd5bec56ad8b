package io.switchboard.connector;

import java.time.Instant;
import java.util.Objects;

/**
 * A verified event as the platform stored it, handed back to the connector for interpretation.
 *
 * @param id the platform's delivery id
 * @param dedupeKey the key the connector gave at verification
 * @param eventType the provider event type
 * @param occurredAt when the provider says it happened
 * @param receivedAt when the platform received it
 * @param payload the stored bytes
 * @param attempt 1 for the first processing attempt, then 2, 3, ...
 */
public record StoredDelivery(
        String id, String dedupeKey, String eventType, Instant occurredAt, Instant receivedAt, byte[] payload, int attempt) {

    public StoredDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload decoded as UTF-8. */
    public String payloadText() {
        return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    }
}
