package io.switchboard.connector;

import java.time.Instant;
import java.util.Objects;

/**
 * One provider event found in a verified request. Most requests carry one; some (Meta) carry several, each
 * stored and processed as its own delivery.
 *
 * @param dedupeKey stable across redeliveries of the same event (Stripe event id, Twilio MessageSid, ...);
 *     a second delivery with the same key is acknowledged and not stored again
 * @param eventType the provider's event type, for example {@code checkout.session.completed}
 * @param occurredAt when the provider says the event happened; decides ordering between events
 * @param payload the bytes to store for this event: the whole body, or the event's own part of it
 */
public record ReceivedEvent(String dedupeKey, String eventType, Instant occurredAt, byte[] payload) {

    public ReceivedEvent {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (dedupeKey.isBlank() || dedupeKey.length() > 255) {
            throw new IllegalArgumentException("a dedupe key has 1 to 255 characters");
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
