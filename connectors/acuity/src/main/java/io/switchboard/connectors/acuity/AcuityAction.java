package io.switchboard.connectors.acuity;

import java.util.Locale;
import java.util.Optional;

/** The {@code action} values an Acuity webhook carries, with the event type each is stored under. */
enum AcuityAction {
    SCHEDULED("scheduled", "appointment.scheduled"),
    RESCHEDULED("rescheduled", "appointment.rescheduled"),
    CANCELED("canceled", "appointment.canceled"),
    CHANGED("changed", "appointment.changed"),
    ORDER_COMPLETED("order.completed", "order.completed"),
    /**
     * The console's test event. Acuity's actions are the words above (optionally prefixed
     * {@code appointment.}), so no real webhook carries this one.
     */
    TEST_EVENT("switchboard.test_event", "switchboard.test_event");

    private final String wireName;
    private final String eventType;

    AcuityAction(String wireName, String eventType) {
        this.wireName = wireName;
        this.eventType = eventType;
    }

    /** The action as it appears in dedupe keys: one spelling per action. */
    String wireName() {
        return wireName;
    }

    /** The event type deliveries of this action are stored under. */
    String eventType() {
        return eventType;
    }

    /** Whether the action is about an appointment (the others are orders, not recorded, and the test event). */
    boolean isAppointment() {
        return this != ORDER_COMPLETED && this != TEST_EVENT;
    }

    /**
     * Reads an action as Acuity sends it. Static webhooks send {@code scheduled}; dynamic webhooks are
     * subscribed as {@code appointment.scheduled}, so both forms are accepted. {@code cancelled} is the
     * British spelling some integrations forward.
     */
    static Optional<AcuityAction> fromWire(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String action = raw.trim().toLowerCase(Locale.ROOT);
        boolean prefixed = action.startsWith("appointment.");
        if (prefixed) {
            action = action.substring("appointment.".length());
        }
        if (action.equals("cancelled")) {
            action = "canceled";
        }
        for (AcuityAction candidate : values()) {
            if (candidate.wireName.equals(action) && (candidate.isAppointment() || !prefixed)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The action a stored delivery's event type stands for. */
    static Optional<AcuityAction> fromEventType(String eventType) {
        for (AcuityAction candidate : values()) {
            if (candidate.eventType.equals(eventType)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
