package io.switchboard.connector.command;

import java.util.Objects;

/**
 * How a command points at one of the tenant's events: by the provider object the tenant linked to it.
 *
 * @param kind which link: {@link #STRIPE_PAYMENT_LINK}, {@link #ACUITY_APPOINTMENT_TYPE}, or {@link #NONE}
 * @param value the provider id, empty for {@link #NONE}
 */
public record EventKey(String kind, String value) {

    /** The event whose {@code stripePaymentLinkId} equals the value. */
    public static final String STRIPE_PAYMENT_LINK = "stripe_payment_link";
    /** The event whose {@code acuityAppointmentTypeId} equals the value. */
    public static final String ACUITY_APPOINTMENT_TYPE = "acuity_appointment_type";
    /** No event. */
    public static final String NONE = "none";

    public EventKey {
        Objects.requireNonNull(kind, "kind");
        value = value == null ? "" : value;
    }

    /** The event sold through a Stripe Payment Link. */
    public static EventKey stripePaymentLink(String id) {
        return id == null || id.isBlank() ? none() : new EventKey(STRIPE_PAYMENT_LINK, id);
    }

    /** The event booked through an Acuity appointment type. */
    public static EventKey acuityAppointmentType(String id) {
        return id == null || id.isBlank() ? none() : new EventKey(ACUITY_APPOINTMENT_TYPE, id);
    }

    /** No event. */
    public static EventKey none() {
        return new EventKey(NONE, "");
    }

    /** Whether this key names an event. */
    public boolean isPresent() {
        return !NONE.equals(kind);
    }
}
