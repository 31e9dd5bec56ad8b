package io.switchboard.platform.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.switchboard.platform.support.AcuitySigner;
import io.switchboard.platform.support.PlatformIT;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Acuity bookings end to end: the fixtures' webhook bodies signed with the tenant's API key, the appointment
 * read back from a local fake of Acuity's API (WireMock {@code PROVIDERS}) with HTTP Basic, and the booking,
 * contact and intake answers checked in the tenant's schema.
 */
class AcuityWebhooksIT extends PlatformIT {

    private static final String MANAGE_URL =
            "https://app.acuityscheduling.com/schedule.php?owner=21458796&action=appt&id%5B%5D=9f1c2a7be45d0c3318a6e0f4b2d7c915";

    private static final String API_KEY = "acuity-it-api-key-7d41";
    private static final String USER_ID = "21458796";
    private static final String TYPE = "58203147";
    private static final String ELODIE = "1387452209";
    private static final String JULIEN = "1387460831";

    @Test
    void aScheduledAppointmentIsBookedWithItsIntakeAnswersAndPromotedFields() {
        String slug = tenant("book", TYPE);
        appointment(ELODIE, ok("acuity/api_appointment_1387452209_scheduled.json"));

        post(slug, fixture("acuity/webhook_scheduled.txt"));
        awaitSettled(slug, 1);

        assertThat(rows(slug, "SELECT event_type, status FROM {schema}.deliveries"))
                .containsExactly(Map.of("event_type", "appointment.scheduled", "status", "PROCESSED"));
        Map<String, Object> booking = booking(slug);
        assertThat(booking).containsEntry("booking_status", "BOOKED").containsEntry("appointment_id", ELODIE)
                .containsEntry("booking_starts_at", at("2026-09-26T08:00:00Z"))
                .containsEntry("form_name", "Questionnaire d'inscription").containsEntry("first_field_id", "11830475")
                .containsEntry("first_field_name", "Votre niveau ?").containsEntry("first_answer", "Débutant");
        assertThat(rows(slug, """
                SELECT email, first_name, last_name, phone, status, attributes->>'level' AS level,
                       attributes->>'notes' AS notes FROM {schema}.contacts"""))
                .containsExactly(Map.of("email", "elodie.martin@example.fr", "first_name", "Élodie", "last_name", "Martin",
                        "phone", "+33639980101", "status", "LEAD", "level", "Débutant", "notes", "Allergie au latex"));
        PROVIDERS.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/appointments/" + ELODIE))
                .withBasicAuth(new BasicCredentials(USER_ID, API_KEY)));
    }

    @Test
    void aRescheduleMovesTheBookingToTheNewTime() {
        String slug = tenant("resched", TYPE);
        appointment(ELODIE, ok("acuity/api_appointment_1387452209_scheduled.json"));
        post(slug, fixture("acuity/webhook_scheduled.txt"));
        awaitSettled(slug, 1);

        appointment(ELODIE, ok("acuity/api_appointment_1387452209_rescheduled.json"));
        post(slug, fixture("acuity/webhook_rescheduled.txt"));
        awaitSettled(slug, 2);

        assertThat(rows(slug, "SELECT id FROM {schema}.attendee_events")).hasSize(1);
        assertThat(booking(slug)).containsEntry("booking_status", "RESCHEDULED")
                .containsEntry("booking_starts_at", at("2026-10-03T12:00:00Z"));
    }

    @Test
    void aMoveReportedByRescheduledThenChangedIsOneRescheduleNotifiedOnce() {
        assertOneReschedule("rescheduled", "changed");
    }

    @Test
    void aMoveReportedByChangedThenRescheduledIsOneRescheduleNotifiedOnce() {
        assertOneReschedule("changed", "rescheduled");
    }

    /** Acuity sends its catch-all {@code changed} as well as {@code rescheduled} for one move, in either order. */
    private void assertOneReschedule(String firstAction, String secondAction) {
        String slug = tenant("moved", TYPE);
        putEmailTemplates(slug, "booking.confirmed", "booking.rescheduled");
        appointment(ELODIE, ok("acuity/api_appointment_1387452209_scheduled.json"));
        post(slug, fixture("acuity/webhook_scheduled.txt"));
        awaitSettled(slug, 1);

        appointment(ELODIE, ok("acuity/api_appointment_1387452209_rescheduled.json"));
        post(slug, action(firstAction, ELODIE));
        awaitSettled(slug, 2);
        post(slug, action(secondAction, ELODIE));
        awaitSettled(slug, 3);

        assertThat(booking(slug)).containsEntry("booking_status", "RESCHEDULED")
                .containsEntry("booking_starts_at", at("2026-10-03T12:00:00Z"));
        assertThat(rows(slug, "SELECT template_key FROM {schema}.messages ORDER BY id")).extracting(r -> r.get("template_key"))
                .containsExactly("booking.confirmed", "booking.rescheduled");
        // Templates can link to Acuity's page where the person manages the booking ({{booking.url}}).
        assertThat(rows(slug, "SELECT variables->'booking'->>'url' AS url FROM {schema}.messages ORDER BY id"))
                .extracting(r -> r.get("url")).containsOnly(MANAGE_URL);
    }

    @Test
    void aCancellationCancelsAndALateScheduledDoesNotReviveIt() {
        String slug = tenant("cancel", TYPE);
        appointment(JULIEN, ok("acuity/api_appointment_1387460831_canceled.json"));

        post(slug, fixture("acuity/webhook_canceled.txt"));
        awaitSettled(slug, 1);
        assertThat(booking(slug)).containsEntry("booking_status", "CANCELLED").containsEntry("appointment_id", JULIEN)
                .containsEntry("booking_starts_at", at("2026-09-26T12:00:00Z"));
        assertThat(rows(slug, "SELECT email, phone FROM {schema}.contacts"))
                .containsExactly(Map.of("email", "julien.moreau@example.com", "phone", "+33639980108"));

        // Acuity's retry of the original booking, arriving after the cancellation.
        post(slug, action("scheduled", JULIEN));
        awaitSettled(slug, 2);
        assertThat(rows(slug, "SELECT status FROM {schema}.deliveries")).extracting(r -> r.get("status"))
                .containsOnly("PROCESSED");
        assertThat(rows(slug, "SELECT booking_status FROM {schema}.attendee_events")).extracting(r -> r.get("booking_status"))
                .containsExactly("CANCELLED");
    }

    @Test
    void aBadSignatureIs400AndStoresNothing() {
        String slug = tenant("badsig", TYPE);
        byte[] body = fixture("acuity/webhook_scheduled.txt");

        Response wrongKey = webhook(slug, "acuity", body, AcuitySigner.headers(body, "someone-elses-key"));
        Response missing = webhook(slug, "acuity", body, Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(wrongKey.status()).isEqualTo(400);
        assertThat(wrongKey.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(stored(slug)).isEmpty();
        assertThat(PROVIDERS.findAll(getRequestedFor(urlPathMatching("/api/v1/appointments/.*")))).as("the API is not called")
                .isEmpty();
    }

    @Test
    void anAppointmentTheApiDoesNotKnowBooksNothingAndRaisesAnIncident() {
        String slug = tenant("unknown-appt", TYPE);
        appointment("1387499999", aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"status_code\":404,\"message\":\"Appointment not found.\",\"error\":\"not_found\"}"));

        post(slug, action("scheduled", "1387499999"));
        awaitSettled(slug, 1);

        assertThat(rows(slug, "SELECT status, last_error FROM {schema}.deliveries")).singleElement().satisfies(d -> {
            assertThat(d.get("status")).isEqualTo("DEAD");
            assertThat((String) d.get("last_error")).contains("1387499999");
        });
        assertThat(rows(slug, "SELECT kind FROM {schema}.incidents")).extracting(r -> r.get("kind"))
                .containsExactly("delivery.dead");
        assertThat(rows(slug, "SELECT id FROM {schema}.attendee_events")).isEmpty();
        assertThat(rows(slug, "SELECT id FROM {schema}.contacts")).isEmpty();
    }

    @Test
    void whileTheApiIsDownTheDeliveryIsRetriedAndProcessedWhenItReturns() {
        String slug = tenant("api-down", TYPE);
        String path = "/api/v1/appointments/" + ELODIE;
        PROVIDERS.stubFor(get(urlPathEqualTo(path)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("still down"));
        PROVIDERS.stubFor(get(urlPathEqualTo(path)).inScenario("outage").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("back"));
        PROVIDERS.stubFor(get(urlPathEqualTo(path)).inScenario("outage").whenScenarioStateIs("back")
                .willReturn(ok("acuity/api_appointment_1387452209_scheduled.json")));

        post(slug, fixture("acuity/webhook_scheduled.txt"));

        eventually(() -> assertThat(rows(slug, "SELECT status, attempts FROM {schema}.deliveries"))
                .containsExactly(Map.of("status", "PROCESSED", "attempts", 3)));
        PROVIDERS.verify(3, getRequestedFor(urlPathEqualTo(path)));
        assertThat(booking(slug)).containsEntry("booking_status", "BOOKED");
        assertThat(rows(slug, "SELECT kind FROM {schema}.incidents")).isEmpty();
    }

    @Test
    void refusedCredentialsAreAnIncidentNotAnEndlessRetry() {
        String slug = tenant("refused", TYPE);
        PROVIDERS.stubFor(get(urlPathEqualTo("/api/v1/appointments/" + ELODIE))
                .willReturn(aResponse().withStatus(401).withBody("{\"status_code\":401,\"error\":\"unauthorized\"}")));

        post(slug, fixture("acuity/webhook_scheduled.txt"));
        awaitSettled(slug, 1);

        assertThat(rows(slug, "SELECT status, attempts FROM {schema}.deliveries"))
                .containsExactly(Map.of("status", "DEAD", "attempts", 1));
        assertThat(rows(slug, "SELECT kind FROM {schema}.incidents")).extracting(r -> r.get("kind"))
                .containsExactly("delivery.dead");
        PROVIDERS.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/appointments/" + ELODIE)));
    }

    @Test
    void aBookingForAnUnknownAppointmentTypeKeepsTheContactAndRaisesAnIncident() {
        String slug = tenant("unknown-type", "99999999");
        appointment(ELODIE, ok("acuity/api_appointment_1387452209_scheduled.json"));

        post(slug, fixture("acuity/webhook_scheduled.txt"));
        awaitSettled(slug, 1);

        assertThat(rows(slug, "SELECT email FROM {schema}.contacts")).extracting(r -> r.get("email"))
                .containsExactly("elodie.martin@example.fr");
        assertThat(rows(slug, "SELECT kind, details->>'eventKey' AS type FROM {schema}.incidents"))
                .containsExactly(Map.of("kind", "booking.unknown_event", "type", TYPE));
        assertThat(rows(slug, "SELECT id FROM {schema}.attendee_events")).isEmpty();
        assertThat(rows(slug, "SELECT kind FROM {schema}.contact_activities")).extracting(r -> r.get("kind"))
                .containsExactly("booking.booked");
    }

    @Test
    void aJsonWebhookIsAcceptedLikeTheFormAndOrdersAreIgnored() {
        String slug = tenant("json", TYPE);
        appointment("1387471756", ok("acuity/api_appointment_1387471756_changed.json"));
        byte[] json = ("{\"action\":\"changed\",\"id\":1387471756,\"calendarID\":6104231,\"appointmentTypeID\":" + TYPE + "}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(AcuitySigner.headers(json, API_KEY));
        headers.put("Content-Type", "application/json");

        assertThat(webhook(slug, "acuity", json, headers).status()).isEqualTo(200);
        post(slug, "action=order.completed&id=55512345".getBytes(StandardCharsets.UTF_8));
        awaitSettled(slug, 2);

        assertThat(rows(slug, "SELECT event_type, status FROM {schema}.deliveries ORDER BY id"))
                .extracting(r -> r.get("event_type") + " " + r.get("status"))
                .containsExactly("appointment.changed PROCESSED", "order.completed IGNORED");
        assertThat(booking(slug)).containsEntry("booking_status", "BOOKED").containsEntry("first_answer", "Avancé");
        assertThat(rows(slug, "SELECT phone FROM {schema}.contacts")).extracting(r -> r.get("phone"))
                .containsExactly("+33639980109");
    }

    /** A tenant with an Acuity connection and an event for the given appointment type. */
    private String tenant(String prefix, String appointmentTypeId) {
        String slug = onboard(uniqueSlug(prefix));
        connect(slug, "acuity",
                Map.of("userId", USER_ID, "defaultCountryCode", "33",
                        "fieldMapping", Map.of("Votre niveau ?", "level", "11830477", "notes")),
                Map.of("apiKey", API_KEY));
        ProviderFixtures.insertEvent(db(), slug, "Atelier découverte céramique", null, appointmentTypeId);
        return slug;
    }

    /** A webhook body as Acuity sends it, in the fixtures' parameter order. */
    private static byte[] action(String action, String appointmentId) {
        return ("action=" + action + "&id=" + appointmentId + "&calendarID=6104231&appointmentTypeID=" + TYPE)
                .getBytes(StandardCharsets.UTF_8);
    }

    private void putEmailTemplates(String slug, String... keys) {
        for (String key : keys) {
            Response response = api("PUT", "/api/v1/tenants/" + slug + "/templates/" + key, adminToken(),
                    Map.of("locale", "fr", "email", Map.of("subject", key, "html", "<p>{{booking.startsAt}}</p>",
                            "text", "{{booking.startsAt}}")));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
    }

    private void appointment(String id, ResponseDefinitionBuilder response) {
        PROVIDERS.stubFor(get(urlPathEqualTo("/api/v1/appointments/" + id))
                .withBasicAuth(USER_ID, API_KEY).willReturn(response));
    }

    private static ResponseDefinitionBuilder ok(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(fixture(fixture));
    }

    private void post(String slug, byte[] body) {
        Response response = webhook(slug, "acuity", body, AcuitySigner.headers(body, API_KEY));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private void awaitSettled(String slug, int count) {
        eventually(() -> assertThat(rows(slug, "SELECT status FROM {schema}.deliveries"))
                .hasSize(count).extracting(r -> r.get("status")).doesNotContain("RECEIVED", "RETRYING"));
    }

    private Map<String, Object> booking(String slug) {
        return rows(slug, """
                SELECT booking_status, appointment_id, booking_starts_at,
                       intake_data #>> '{forms,0,name}' AS form_name,
                       intake_data #>> '{forms,0,values,0,fieldID}' AS first_field_id,
                       intake_data #>> '{forms,0,values,0,name}' AS first_field_name,
                       intake_data #>> '{forms,0,values,0,value}' AS first_answer
                FROM {schema}.attendee_events""").get(0);
    }

    private static Timestamp at(String instant) {
        return Timestamp.from(Instant.parse(instant));
    }
}
