package io.switchboard.connector.command;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A booking made, moved or cancelled. The contact is found or created; when the event key names an event,
 * the attendee record's booking status, time and intake data are updated and the matching notification
 * ({@code booking.confirmed}, {@code booking.rescheduled}, {@code booking.cancelled}) is queued; an unknown
 * event is an incident. A command older than the attendee's last booking change is recorded, not applied.
 *
 * @param contact who booked
 * @param details what the booking form says about them
 * @param event the event booked, or {@link EventKey#none()}
 * @param appointmentId the provider's appointment id
 * @param status the booking's state
 * @param startsAt when the appointment starts, or null when unknown
 * @param intakeData the intake form answers as the provider gave them
 * @param occurredAt when the change happened
 * @param manageUrl where the person can see, move or cancel the booking (Acuity's confirmation page), offered to
 *     templates as {@code booking.url}; empty when the provider gives none. Since connector API 1.1.
 */
public record RecordBooking(
        ContactRef contact,
        ContactDetails details,
        EventKey event,
        String appointmentId,
        BookingStatus status,
        Instant startsAt,
        Map<String, Object> intakeData,
        Instant occurredAt,
        String manageUrl) implements Command {
    public RecordBooking {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(appointmentId, "appointmentId");
        Objects.requireNonNull(status, "status");
        intakeData = Values.copy(intakeData);
        Objects.requireNonNull(occurredAt, "occurredAt");
        manageUrl = manageUrl == null ? "" : manageUrl;
    }

    /** A booking without a link to manage it: the connector API 1.0 form, which plugins built against it call. */
    public RecordBooking(ContactRef contact, ContactDetails details, EventKey event, String appointmentId,
            BookingStatus status, Instant startsAt, Map<String, Object> intakeData, Instant occurredAt) {
        this(contact, details, event, appointmentId, status, startsAt, intakeData, occurredAt, "");
    }
}
