package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.notify.MessageTemplate;
import io.switchboard.platform.tenancy.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The tenant's events (what it sells or books) and their attendees. An event is linked to the provider objects
 * that sell or book it (a Stripe payment link, an Acuity appointment type), so incoming payments and bookings
 * land on it; its {@code notificationTemplates} override the tenant's default templates per key.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/events")
@Tag(name = "Events")
@SecurityRequirement(name = "oauth2")
class EventController {

    private static final String EXAMPLE = """
            {"name": "Atelier découverte céramique", "startsAt": "2026-09-26T08:00:00Z",
             "stripePaymentLinkId": "plink_1TysIMRk2TqLm7Zd4GUXq7j2", "acuityAppointmentTypeId": "58203147",
             "notificationTemplates": {"payment.confirmed": {"locale": "fr",
               "sms": "Merci {{contact.firstName}}, à bientôt pour {{event.name}} !",
               "email": {"subject": "Votre place pour {{event.name}}", "html": "<p>Merci {{contact.firstName}}</p>",
                         "text": "Merci {{contact.firstName}}"}}}}""";

    private static final String TAKEN = "Another event already uses the payment link or appointment type";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "#/components/schemas/" + OpenApiConventions.PROBLEM;

    private final TenantPaths paths;
    private final EventQueries events;
    private final AuditLog audit;

    EventController(TenantPaths paths, EventQueries events, AuditLog audit) {
        this.paths = paths;
        this.events = events;
        this.audit = audit;
    }

    @PostMapping
    @Operation(operationId = "createEvent",
            summary = "Create an event", description = "`name` is required. A payment link or appointment type can "
            + "belong to one event only (409 otherwise). Templates are checked on save (Mustache syntax).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            schema = @Schema(implementation = EventBody.class), examples = @ExampleObject(value = EXAMPLE)))
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = TAKEN, content = @Content(mediaType = PROBLEM_JSON,
            schema = @Schema(ref = PROBLEM)))
    ResponseEntity<EventView> create(@PathVariable String tenant, @RequestBody JsonNode body) {
        Tenant owner = paths.require(tenant);
        EventView created = events.create(owner, EventInput.columns(body, true));
        audit.record(owner, "event.create", "events/" + created.id(), Map.of("name", created.name()));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping
    @Operation(operationId = "listEvents",
            summary = "List events", description = "In creation order (by id).")
    Page<EventView> list(@PathVariable String tenant, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        Tenant owner = paths.require(tenant);
        int size = Page.limit(limit);
        return Page.of(events.list(owner, Page.after(cursor, 0), size + 1), size, e -> Long.parseLong(e.id()));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getEvent",
            summary = "Read an event")
    EventView get(@PathVariable String tenant, @PathVariable long id) {
        return events.find(paths.require(tenant), id).orElseThrow(() -> ApiException.notFound("event " + id));
    }

    @PatchMapping("/{id}")
    @Operation(operationId = "updateEvent",
            summary = "Change an event", description = "Changes only the fields sent; `null` clears an optional "
            + "field. `notificationTemplates`, when sent, replaces the whole set.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            schema = @Schema(implementation = EventBody.class),
            examples = @ExampleObject(value = "{\"startsAt\": \"2026-10-03T08:00:00Z\", \"acuityAppointmentTypeId\": null}")))
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "409", description = TAKEN, content = @Content(mediaType = PROBLEM_JSON,
            schema = @Schema(ref = PROBLEM)))
    EventView update(@PathVariable String tenant, @PathVariable long id, @RequestBody JsonNode body) {
        Tenant owner = paths.require(tenant);
        Map<String, Object> changes = EventInput.columns(body, false);
        EventView updated = events.update(owner, id, changes).orElseThrow(() -> ApiException.notFound("event " + id));
        List<String> fields = changes.keySet().stream().map(EventInput.FIELDS::get).toList();
        audit.record(owner, "event.update", "events/" + id, Map.of("fields", fields));
        return updated;
    }

    @GetMapping("/{id}/attendees")
    @Operation(operationId = "listEventAttendees",
            summary = "List an event's attendees", description = "Each attendee with its contact, payment and "
            + "booking state and intake answers, in the order they joined (by id).")
    Page<AttendeeView> attendees(@PathVariable String tenant, @PathVariable long id,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        Tenant owner = paths.require(tenant);
        int size = Page.limit(limit);
        List<AttendeeView> rows = events.attendees(owner, id, Page.after(cursor, 0), size + 1)
                .orElseThrow(() -> ApiException.notFound("event " + id));
        return Page.of(rows, size, a -> Long.parseLong(a.id()));
    }

    /**
     * The body of a create or a change.
     *
     * @param name what the event is called
     * @param startsAt when it starts, ISO-8601 with an offset
     * @param stripePaymentLinkId the Stripe payment link that sells it (plink_...)
     * @param acuityAppointmentTypeId the Acuity appointment type that books it
     * @param notificationTemplates templates by key (payment.confirmed, booking.confirmed, ...) overriding the tenant's
     */
    record EventBody(String name, Instant startsAt, String stripePaymentLinkId, String acuityAppointmentTypeId,
            Map<String, NotificationTemplate> notificationTemplates) {}

    /**
     * @param id the event id
     * @param name what the event is called
     * @param startsAt when it starts
     * @param stripePaymentLinkId the Stripe payment link that sells it
     * @param acuityAppointmentTypeId the Acuity appointment type that books it
     * @param notificationTemplates templates by key overriding the tenant's defaults for this event
     * @param createdAt when it was created
     * @param updatedAt when it last changed
     */
    record EventView(String id, String name, Instant startsAt, String stripePaymentLinkId, String acuityAppointmentTypeId,
            Map<String, NotificationTemplate> notificationTemplates, Instant createdAt, Instant updatedAt) {}

    /**
     * A template; either channel may be absent, and that channel is then not used for the key.
     *
     * @param locale language of the texts (dates and amounts are formatted for it), default fr
     * @param sms the SMS text (Mustache)
     * @param email the email parts (Mustache)
     */
    record NotificationTemplate(String locale, String sms, NotificationEmail email) {
        static NotificationTemplate of(MessageTemplate t) {
            boolean email = !t.emailSubject().isEmpty() || !t.emailHtml().isEmpty() || !t.emailText().isEmpty();
            return new NotificationTemplate(t.locale(), t.sms().isEmpty() ? null : t.sms(),
                    email ? new NotificationEmail(t.emailSubject(), t.emailHtml(), t.emailText()) : null);
        }
    }

    /**
     * @param subject the subject line
     * @param html the HTML body (variables are HTML-escaped)
     * @param text the plain-text body
     */
    record NotificationEmail(String subject, String html, String text) {}

    /**
     * @param id the attendee's id (one per event and contact)
     * @param contact who attends
     * @param paymentStatus PENDING, PAID, PARTIALLY_REFUNDED, REFUNDED or FAILED
     * @param bookingStatus NONE, BOOKED, RESCHEDULED or CANCELLED
     * @param intakeData answers to the booking's intake form, by field name
     * @param amountPaid amount paid in the currency's smallest unit (cents)
     * @param amountRefunded amount refunded in the smallest unit
     * @param currency ISO 4217 code, lower case
     * @param checkoutSessionId the Stripe checkout session
     * @param paymentIntentId the Stripe payment intent
     * @param appointmentId the Acuity appointment
     * @param bookingStartsAt when the booked appointment starts
     * @param updatedAt when it last changed
     */
    record AttendeeView(String id, AttendeeContact contact, String paymentStatus, String bookingStatus,
            Map<String, Object> intakeData, Long amountPaid, long amountRefunded, String currency, String checkoutSessionId,
            String paymentIntentId, String appointmentId, Instant bookingStartsAt, Instant updatedAt) {}

    /**
     * @param id the contact id
     * @param email email address
     * @param phone phone number (E.164)
     * @param firstName first name
     * @param lastName last name
     * @param status LEAD, CUSTOMER, CHURNED or OPTED_OUT
     */
    record AttendeeContact(String id, String email, String phone, String firstName, String lastName, String status) {}
}
