package io.switchboard.connectors.stripe;

import java.time.Instant;
import java.util.Optional;

/**
 * The envelope of a Stripe (API v1 snapshot) event: what is needed to store it and to read its object.
 *
 * @param id the event id ({@code evt_...}), stable across redeliveries
 * @param type the event type, for example {@code checkout.session.completed}
 * @param created when Stripe created the event
 * @param object {@code data.object}: the object as of the event
 * @param previousAttributes {@code data.previous_attributes}: the changed fields' old values, absent when
 *     Stripe sends none
 */
record StripeEvent(String id, String type, Instant created, JsonView object, JsonView previousAttributes) {

    /** Longest id the platform accepts as a dedupe key. */
    static final int MAX_ID_LENGTH = 255;

    /**
     * Reads an event from its JSON text. {@link StripeEnvelope#read} must accept exactly the same texts: a
     * change to what makes an event here needs the same change there.
     *
     * @return the event, or empty when the text is not a Stripe event (no id, type, created or data.object)
     */
    static Optional<StripeEvent> parse(String json) {
        Optional<JsonView> parsed = JsonView.parse(json);
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return Optional.empty();
        }
        JsonView root = parsed.get();
        Optional<String> id = root.get("id").text().filter(value -> value.length() <= MAX_ID_LENGTH);
        Optional<String> type = root.get("type").text();
        Optional<Instant> created = root.get("created").epochSeconds();
        JsonView object = root.path("data", "object");
        if (id.isEmpty() || type.isEmpty() || created.isEmpty() || !object.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new StripeEvent(
                id.get(), type.get(), created.get(), object, root.path("data", "previous_attributes")));
    }
}
