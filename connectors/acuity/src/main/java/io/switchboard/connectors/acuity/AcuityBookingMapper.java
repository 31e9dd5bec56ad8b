package io.switchboard.connectors.acuity;

import com.google.gson.JsonObject;
import io.switchboard.connector.PhoneNumbers;
import io.switchboard.connector.command.BookingStatus;
import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.EventKey;
import io.switchboard.connector.command.RecordBooking;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an appointment read from the Acuity API into a {@link RecordBooking}.
 *
 * <p>The appointment is read after the webhook, so it shows Acuity's current state rather than the state
 * at the time of the action: a canceled appointment is CANCELLED whatever the action said, so a late or
 * retried {@code scheduled} can never revive it.
 */
final class AcuityBookingMapper {

    /** Contact fields a field mapping may target; any other target becomes a contact attribute. */
    static final String FIRST_NAME = "firstName";
    static final String LAST_NAME = "lastName";
    static final String PHONE = "phone";

    private AcuityBookingMapper() {}

    /**
     * Maps the appointment.
     *
     * @param appointment the API's appointment object
     * @param notification the webhook that triggered the read
     * @param fieldMapping intake field name (or field id) to contact field, from the tenant's settings
     * @param defaultCallingCode country calling code for national phone numbers, or empty
     * @param occurredAt when the change was received
     * @return the booking, or empty when the appointment names neither an email nor a usable phone number
     */
    static Optional<RecordBooking> toBooking(
            JsonObject appointment,
            AcuityNotification notification,
            Map<String, String> fieldMapping,
            String defaultCallingCode,
            Instant occurredAt) {
        IntakeForms forms = IntakeForms.of(appointment);
        String firstName = AppointmentJson.text(appointment, "firstName");
        String lastName = AppointmentJson.text(appointment, "lastName");
        String phone = PhoneNumbers.toE164(AppointmentJson.text(appointment, "phone"), defaultCallingCode).orElse("");
        Map<String, Object> attributes = new LinkedHashMap<>();

        for (Map.Entry<String, String> mapping : fieldMapping.entrySet()) {
            String target = mapping.getValue() == null ? "" : mapping.getValue().trim();
            Optional<String> answer = forms.answer(mapping.getKey()).map(String::trim).filter(v -> !v.isEmpty());
            if (target.isEmpty() || answer.isEmpty()) {
                continue;
            }
            String value = answer.get();
            if (target.equalsIgnoreCase(FIRST_NAME)) {
                firstName = value;
            } else if (target.equalsIgnoreCase(LAST_NAME)) {
                lastName = value;
            } else if (target.equalsIgnoreCase(PHONE)) {
                // An answer that is not a phone number must not erase the one from the booking itself.
                phone = PhoneNumbers.toE164(value, defaultCallingCode).orElse(phone);
            } else {
                attributes.put(target, value);
            }
        }

        String email = AppointmentJson.text(appointment, "email").toLowerCase(Locale.ROOT);
        if (email.isEmpty() && phone.isEmpty()) {
            return Optional.empty();
        }
        String appointmentId = AppointmentJson.text(appointment, "id");
        String typeId = AppointmentJson.text(appointment, "appointmentTypeID");
        return Optional.of(new RecordBooking(
                new ContactRef(email, phone),
                new ContactDetails(firstName, lastName, attributes),
                EventKey.acuityAppointmentType(typeId.isEmpty() ? notification.appointmentTypeId() : typeId),
                appointmentId.isEmpty() ? Long.toString(notification.id()) : appointmentId,
                status(appointment, notification.action()),
                AppointmentJson.instant(appointment, "datetime").orElse(null),
                forms.intakeData(),
                occurredAt,
                AppointmentJson.text(appointment, "confirmationPage")));
    }

    /** The booking's state: Acuity's {@code canceled} flag first, then what the action says. */
    static BookingStatus status(JsonObject appointment, AcuityAction action) {
        if (AppointmentJson.flag(appointment, "canceled")) {
            return BookingStatus.CANCELLED;
        }
        return action == AcuityAction.RESCHEDULED ? BookingStatus.RESCHEDULED : BookingStatus.BOOKED;
    }
}
