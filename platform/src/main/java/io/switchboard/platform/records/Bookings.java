package io.switchboard.platform.records;

import io.switchboard.connector.command.BookingStatus;
import io.switchboard.connector.command.ContactStatus;
import io.switchboard.connector.command.RecordBooking;
import io.switchboard.connector.command.Severity;
import io.switchboard.platform.notify.Outbox;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bookings on events. A booking change older than the attendee's last one is recorded on the contact's
 * timeline but not applied; a change that alters the state queues the matching notification once.
 */
@Component
class Bookings {

    private final Contacts contacts;
    private final Events events;
    private final Incidents incidents;
    private final Activities activities;
    private final Outbox outbox;
    private final JsonMapper json;

    Bookings(Contacts contacts, Events events, Incidents incidents, Activities activities, Outbox outbox, JsonMapper json) {
        this.contacts = contacts;
        this.events = events;
        this.incidents = incidents;
        this.activities = activities;
        this.outbox = outbox;
        this.json = json;
    }

    void record(ApplyScope scope, RecordBooking command) {
        long contactId = contacts.resolve(scope, command.contact(), command.details(), ContactStatus.LEAD);
        Optional<Long> eventId = events.find(scope, command.event());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("appointmentId", command.appointmentId());
        summary.put("status", command.status().name());
        summary.put("startsAt", command.startsAt() == null ? null : command.startsAt().toString());
        if (eventId.isEmpty()) {
            activities.record(scope, contactId, "booking." + command.status().name().toLowerCase(),
                    "Booking " + command.appointmentId() + " " + command.status().name().toLowerCase(), summary,
                    command.occurredAt());
            if (command.event().isPresent()) {
                incidents.log(scope, "booking.unknown_event", Severity.WARNING,
                        "Booking for " + command.event().value() + ", which no event is linked to",
                        Map.of("eventKind", command.event().kind(), "eventKey", command.event().value(),
                                "appointmentId", command.appointmentId(), "contactId", contactId));
            }
            return;
        }
        Optional<Map<String, Object>> current = scope.jdbc().sql("""
                SELECT booking_status, appointment_id, booking_starts_at, last_booking_event_at FROM attendee_events
                WHERE event_id = ? AND contact_id = ? FOR UPDATE""")
                .params(eventId.get(), contactId).query().listOfRows().stream().findFirst();
        Instant last = current.map(r -> (Timestamp) r.get("last_booking_event_at")).map(Timestamp::toInstant).orElse(null);
        if (last != null && last.isAfter(command.occurredAt())) {
            activities.record(scope, contactId, "booking.stale", "An older booking change arrived late and was not applied",
                    summary, command.occurredAt());
            return;
        }
        String previousStatus = current.map(r -> (String) r.get("booking_status")).orElse("NONE");
        Instant previousStart = current.map(r -> (Timestamp) r.get("booking_starts_at")).map(Timestamp::toInstant).orElse(null);
        // Providers send a catch-all change (Acuity's `changed`) beside the reschedule itself, in either order:
        // an appointment whose time moved is RESCHEDULED, and stays so until it is cancelled.
        BookingStatus status = command.status();
        boolean sameAppointment = current.isPresent() && command.appointmentId().equals(current.get().get("appointment_id"));
        boolean moved = previousStart != null && command.startsAt() != null && !previousStart.equals(command.startsAt());
        if (status == BookingStatus.BOOKED && sameAppointment
                && ("RESCHEDULED".equals(previousStatus) || ("BOOKED".equals(previousStatus) && moved))) {
            status = BookingStatus.RESCHEDULED;
        }
        Timestamp startsAt = command.startsAt() == null ? null : Timestamp.from(command.startsAt());
        scope.jdbc().sql("""
                INSERT INTO attendee_events (event_id, contact_id, booking_status, appointment_id, booking_starts_at,
                    intake_data, last_booking_event_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (event_id, contact_id) DO UPDATE SET
                    booking_status = EXCLUDED.booking_status,
                    appointment_id = EXCLUDED.appointment_id,
                    booking_starts_at = coalesce(EXCLUDED.booking_starts_at, attendee_events.booking_starts_at),
                    intake_data = CASE WHEN EXCLUDED.intake_data = '{}'::jsonb THEN attendee_events.intake_data
                                       ELSE EXCLUDED.intake_data END,
                    last_booking_event_at = EXCLUDED.last_booking_event_at,
                    updated_at = now()""")
                .params(eventId.get(), contactId, status.name(), command.appointmentId(), startsAt,
                        json.writeValueAsString(command.intakeData()), Timestamp.from(command.occurredAt()))
                .update();
        boolean changed = !previousStatus.equals(status.name())
                || (command.startsAt() != null && !Objects.equals(previousStart, command.startsAt()));
        if (changed) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("booking", Map.of("startsAt", command.startsAt() == null ? "" : command.startsAt().toString(),
                    "url", Links.https(command.manageUrl())));
            outbox.enqueue(scope.jdbc(), scope.tenant(), Outbox.Notification.of(templateKey(status), contactId,
                    eventId.get(), variables, "booking:" + command.appointmentId() + ":" + status + ":"
                            + command.startsAt()));
        }
    }

    private static String templateKey(BookingStatus status) {
        return switch (status) {
            case BOOKED -> "booking.confirmed";
            case RESCHEDULED -> "booking.rescheduled";
            case CANCELLED -> "booking.cancelled";
        };
    }
}
