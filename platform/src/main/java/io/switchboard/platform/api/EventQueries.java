package io.switchboard.platform.api;

import io.switchboard.platform.notify.TemplateStore;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of the events API: events and their attendees. Column names come from {@link EventInput} only. */
@Component
class EventQueries {

    private static final String EVENT_COLUMNS = "id, name, starts_at, stripe_payment_link_id, acuity_appointment_type_id, "
            + "notification_templates::text AS notification_templates, created_at, updated_at";

    private final TenantDatabase database;
    private final JsonColumns columns;
    private final JsonMapper json;

    EventQueries(TenantDatabase database, JsonColumns columns, JsonMapper json) {
        this.database = database;
        this.columns = columns;
        this.json = json;
    }

    /** Creates the event; 409 when its payment link or appointment type belongs to another event. */
    EventController.EventView create(Tenant tenant, Map<String, Object> values) {
        return unique(() -> database.inTenant(tenant, jdbc -> {
            refuseTakenLinks(jdbc, 0, values);
            List<String> names = new ArrayList<>(values.keySet());
            String placeholders = String.join(", ", names.stream().map(EventQueries::placeholder).toList());
            long id = jdbc.sql("INSERT INTO events (" + String.join(", ", names) + ") VALUES (" + placeholders + ") RETURNING id")
                    .params(params(values)).query(Long.class).single();
            return find(jdbc, id).orElseThrow();
        }));
    }

    /** Changes the named columns; empty when there is no such event. */
    Optional<EventController.EventView> update(Tenant tenant, long id, Map<String, Object> values) {
        return unique(() -> database.inTenant(tenant, jdbc -> {
            if (find(jdbc, id).isEmpty()) {
                return Optional.<EventController.EventView>empty();
            }
            refuseTakenLinks(jdbc, id, values);
            if (!values.isEmpty()) {
                String set = String.join(", ", values.keySet().stream().map(c -> c + " = " + placeholder(c)).toList());
                List<Object> params = params(values);
                params.add(id);
                jdbc.sql("UPDATE events SET " + set + ", updated_at = now() WHERE id = ?").params(params).update();
            }
            return find(jdbc, id);
        }));
    }

    Optional<EventController.EventView> find(Tenant tenant, long id) {
        return database.inTenant(tenant, jdbc -> find(jdbc, id));
    }

    /** Events in id order after the given id, up to {@code limit} rows. */
    List<EventController.EventView> list(Tenant tenant, long afterId, int limit) {
        return database.inTenant(tenant, jdbc -> jdbc.sql(
                        "SELECT " + EVENT_COLUMNS + " FROM events WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit).query(this::event).list());
    }

    /** The event's attendees with their contacts, in id order; empty when the event does not exist. */
    Optional<List<EventController.AttendeeView>> attendees(Tenant tenant, long eventId, long afterId, int limit) {
        return database.inTenant(tenant, jdbc -> {
            if (find(jdbc, eventId).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(jdbc.sql("""
                    SELECT a.id, a.payment_status, a.booking_status, a.intake_data::text AS intake_data, a.amount_paid,
                           a.amount_refunded, a.currency, a.checkout_session_id, a.payment_intent_id, a.appointment_id,
                           a.booking_starts_at, a.updated_at, c.id AS contact_id, c.email, c.phone, c.first_name,
                           c.last_name, c.status AS contact_status
                    FROM attendee_events a JOIN contacts c ON c.id = a.contact_id
                    WHERE a.event_id = ? AND a.id > ? ORDER BY a.id LIMIT ?""")
                    .params(eventId, afterId, limit).query(this::attendee).list());
        });
    }

    private Optional<EventController.EventView> find(JdbcClient jdbc, long id) {
        return jdbc.sql("SELECT " + EVENT_COLUMNS + " FROM events WHERE id = ?").param(id).query(this::event).optional();
    }

    /** Another event already sold through the link or booked through the appointment type: 409 naming the field. */
    private void refuseTakenLinks(JdbcClient jdbc, long id, Map<String, Object> values) {
        Map<String, String> taken = new LinkedHashMap<>();
        check(jdbc, id, values, EventInput.PAYMENT_LINK, "stripePaymentLinkId", taken);
        check(jdbc, id, values, EventInput.APPOINTMENT_TYPE, "acuityAppointmentTypeId", taken);
        if (!taken.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "conflict", "Another event already uses this provider link", taken);
        }
    }

    private static void check(JdbcClient jdbc, long id, Map<String, Object> values, String column, String field,
            Map<String, String> taken) {
        Object value = values.get(column);
        if (value == null) {
            return;
        }
        jdbc.sql("SELECT id FROM events WHERE " + column + " = ? AND id <> ?").params(value, id).query(Long.class)
                .optional().ifPresent(other -> taken.put(field, "is already used by event " + other));
    }

    /** A unique violation that slipped past the check (two requests at once) is still a conflict, not a 503. */
    private static <T> T unique(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, "conflict", "Another event already uses this provider link");
        }
    }

    private static String placeholder(String column) {
        return EventInput.TEMPLATES.equals(column) ? "?::jsonb" : "?";
    }

    private List<Object> params(Map<String, Object> values) {
        List<Object> params = new ArrayList<>();
        values.forEach((column, value) -> params.add(EventInput.TEMPLATES.equals(column) ? columns.write(value) : value));
        return params;
    }

    private EventController.EventView event(ResultSet rs, int row) throws SQLException {
        Map<String, EventController.NotificationTemplate> templates = new LinkedHashMap<>();
        JsonNode stored = json.readTree(rs.getString("notification_templates"));
        for (Map.Entry<String, JsonNode> entry : stored.properties()) {
            templates.put(entry.getKey(), EventController.NotificationTemplate.of(TemplateStore.fromJson(entry.getValue())));
        }
        return new EventController.EventView(Long.toString(rs.getLong("id")), rs.getString("name"),
                JsonColumns.instant(rs, "starts_at"), rs.getString("stripe_payment_link_id"),
                rs.getString("acuity_appointment_type_id"), templates, JsonColumns.instant(rs, "created_at"),
                JsonColumns.instant(rs, "updated_at"));
    }

    private EventController.AttendeeView attendee(ResultSet rs, int row) throws SQLException {
        return new EventController.AttendeeView(Long.toString(rs.getLong("id")),
                new EventController.AttendeeContact(Long.toString(rs.getLong("contact_id")), rs.getString("email"),
                        rs.getString("phone"), rs.getString("first_name"), rs.getString("last_name"),
                        rs.getString("contact_status")),
                rs.getString("payment_status"), rs.getString("booking_status"), columns.object(rs, "intake_data"),
                JsonColumns.longOrNull(rs, "amount_paid"), rs.getLong("amount_refunded"), rs.getString("currency"),
                rs.getString("checkout_session_id"), rs.getString("payment_intent_id"), rs.getString("appointment_id"),
                JsonColumns.instant(rs, "booking_starts_at"), JsonColumns.instant(rs, "updated_at"));
    }
}
