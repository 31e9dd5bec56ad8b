package io.switchboard.connectors.acuity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.switchboard.connectors.acuity.AcuityWebhooks.API_KEY;
import static io.switchboard.connectors.acuity.AcuityWebhooks.FORM;
import static io.switchboard.connectors.acuity.AcuityWebhooks.USER_ID;
import static io.switchboard.connectors.acuity.AcuityWebhooks.firstFormValues;
import static io.switchboard.connectors.acuity.AcuityWebhooks.signed;
import static io.switchboard.connectors.acuity.AcuityWebhooks.signedForm;
import static io.switchboard.connectors.acuity.AcuityWebhooks.stored;
import static io.switchboard.connectors.acuity.AcuityWebhooks.verifiedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.command.BookingStatus;
import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.EventKey;
import io.switchboard.connector.command.RecordBooking;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AcuityConnectorInterpretTest {

    private static final Instant RECEIVED = Instant.parse("2026-09-14T09:42:17Z");
    private static final WireMockServer ACUITY = new WireMockServer(options().dynamicPort());

    private final AcuityConnector connector = new AcuityConnector();

    @BeforeAll
    static void startAcuity() {
        ACUITY.start();
    }

    @AfterAll
    static void stopAcuity() {
        ACUITY.stop();
    }

    @BeforeEach
    void resetAcuity() {
        ACUITY.resetAll();
    }

    static void serveAppointment(long id, String fixture) {
        ACUITY.stubFor(get(urlEqualTo("/api/v1/appointments/" + id)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Fixtures.bytes(fixture))));
    }

    static FakeConnectorContext.Builder acuityContext() {
        return FakeConnectorContext.builder()
                .secret("apiKey", API_KEY)
                .setting("userId", USER_ID)
                .setting("defaultCountryCode", "33")
                .clock(Clock.fixed(RECEIVED, ZoneOffset.UTC))
                .apiBaseUrl(ACUITY.baseUrl());
    }

    private Interpretation receiveAndInterpret(InboundRequest request, FakeConnectorContext context) {
        ReceivedEvent event = verifiedEvent(connector, request, context);
        return connector.interpret(stored(event, RECEIVED), context);
    }

    private RecordBooking booking(Interpretation interpretation) {
        assertThat(interpretation).isInstanceOf(Interpretation.Apply.class);
        List<?> commands = ((Interpretation.Apply) interpretation).commands();
        assertThat(commands).hasSize(1).first().isInstanceOf(RecordBooking.class);
        return (RecordBooking) commands.get(0);
    }

    @Test
    void scheduledBecomesBookedWithIntakeDataAndPromotedFields() {
        serveAppointment(1387452209L, "acuity/api_appointment_1387452209_scheduled.json");
        FakeConnectorContext context = acuityContext().build();

        RecordBooking booking = booking(receiveAndInterpret(
                signed(FORM, Fixtures.bytes("acuity/webhook_scheduled.txt")), context));

        assertThat(booking.contact()).isEqualTo(new ContactRef("elodie.martin@example.fr", "+33639980101"));
        assertThat(booking.details()).isEqualTo(ContactDetails.name("Élodie", "Martin"));
        assertThat(booking.event()).isEqualTo(new EventKey(EventKey.ACUITY_APPOINTMENT_TYPE, "58203147"));
        assertThat(booking.appointmentId()).isEqualTo("1387452209");
        assertThat(booking.status()).isEqualTo(BookingStatus.BOOKED);
        assertThat(booking.startsAt()).isEqualTo(Instant.parse("2026-09-26T08:00:00Z"));
        assertThat(booking.manageUrl()).as("Acuity's page where the client manages the booking").isEqualTo(
                "https://app.acuityscheduling.com/schedule.php?owner=21458796&action=appt&id%5B%5D=9f1c2a7be45d0c3318a6e0f4b2d7c915");
        assertThat(booking.occurredAt()).isEqualTo(RECEIVED);
        assertThat(booking.intakeData()).isEqualTo(Map.of("forms", List.of(Map.of(
                "id", 1918022L,
                "name", "Questionnaire d'inscription",
                "values", List.of(
                        Map.of("fieldID", 11830475L, "name", "Votre niveau ?", "value", "Débutant"),
                        Map.of("fieldID", 11830476L, "name", "Acceptez-vous d'être recontacté(e) par SMS ?",
                                "value", "Oui"),
                        Map.of("fieldID", 11830477L, "name", "Informations complémentaires",
                                "value", "Allergie au latex"))))));
    }

    @Test
    void readsTheAppointmentWithBasicAuthAtTheOperatorsBaseUrl() {
        serveAppointment(1387452209L, "acuity/api_appointment_1387452209_scheduled.json");
        FakeConnectorContext context = acuityContext().build();

        receiveAndInterpret(signed(FORM, Fixtures.bytes("acuity/webhook_scheduled.txt")), context);

        String basic = Base64.getEncoder().encodeToString((USER_ID + ":" + API_KEY).getBytes(StandardCharsets.UTF_8));
        ACUITY.verify(1, getRequestedFor(urlEqualTo("/api/v1/appointments/1387452209"))
                .withBasicAuth(new BasicCredentials(USER_ID, API_KEY))
                .withHeader("Authorization", equalTo("Basic " + basic)));
        assertThat(context.recordedHttp().calls()).singleElement()
                .satisfies(call -> assertThat(call.uri().toString())
                        .isEqualTo(ACUITY.baseUrl() + "/api/v1/appointments/1387452209"));
    }

    @Test
    void rescheduledBecomesRescheduledWithTheNewStartTime() {
        serveAppointment(1387452209L, "acuity/api_appointment_1387452209_rescheduled.json");

        RecordBooking booking = booking(receiveAndInterpret(
                signed(FORM, Fixtures.bytes("acuity/webhook_rescheduled.txt")), acuityContext().build()));

        assertThat(booking.status()).isEqualTo(BookingStatus.RESCHEDULED);
        assertThat(booking.startsAt()).isEqualTo(Instant.parse("2026-10-03T12:00:00Z"));
        assertThat(booking.appointmentId()).isEqualTo("1387452209");
    }

    @Test
    void canceledBecomesCancelled() {
        serveAppointment(1387460831L, "acuity/api_appointment_1387460831_canceled.json");

        RecordBooking booking = booking(receiveAndInterpret(
                signed(FORM, Fixtures.bytes("acuity/webhook_canceled.txt")), acuityContext().build()));

        assertThat(booking.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(booking.contact()).isEqualTo(new ContactRef("julien.moreau@example.com", "+33639980108"));
        assertThat(booking.details()).isEqualTo(ContactDetails.name("Julien", "Moreau"));
        assertThat(booking.startsAt()).isEqualTo(Instant.parse("2026-09-26T12:00:00Z"));
    }

    @Test
    void lateScheduledForAnAppointmentTheApiShowsCanceledStaysCancelled() {
        serveAppointment(1387460831L, "acuity/api_appointment_1387460831_canceled.json");

        RecordBooking booking = booking(receiveAndInterpret(
                signedForm("action=scheduled&id=1387460831&calendarID=6104231&appointmentTypeID=58203147"),
                acuityContext().build()));

        assertThat(booking.status()).isEqualTo(BookingStatus.CANCELLED);
    }

    @Test
    void changedTakesItsStateFromTheApi() {
        serveAppointment(1387471756L, "acuity/api_appointment_1387471756_changed.json");

        RecordBooking booking = booking(receiveAndInterpret(
                signed(FORM, Fixtures.bytes("acuity/webhook_changed.txt")), acuityContext().build()));

        assertThat(booking.status()).isEqualTo(BookingStatus.BOOKED);
        assertThat(booking.contact()).isEqualTo(new ContactRef("camille.laurent@example.net", "+33639980109"));
        assertThat(firstFormValues(booking))
                .contains(Map.of("fieldID", 11830475L, "name", "Votre niveau ?", "value", "Avancé"));
    }

    @Test
    void jsonWebhookIsInterpretedLikeTheFormOne() {
        serveAppointment(1387452209L, "acuity/api_appointment_1387452209_rescheduled.json");
        String json = "{\"action\":\"rescheduled\",\"id\":1387452209,\"calendarID\":6104231,"
                + "\"appointmentTypeID\":58203147}";

        RecordBooking booking = booking(receiveAndInterpret(
                signed("application/json", json.getBytes(StandardCharsets.UTF_8)), acuityContext().build()));

        assertThat(booking.status()).isEqualTo(BookingStatus.RESCHEDULED);
        assertThat(booking.appointmentId()).isEqualTo("1387452209");
    }

    @Test
    void nationalPhoneIsLeftOutWithoutADefaultCountryCode() {
        serveAppointment(1387452209L, "acuity/api_appointment_1387452209_scheduled.json");
        FakeConnectorContext context = FakeConnectorContext.builder()
                .secret("apiKey", API_KEY)
                .setting("userId", USER_ID)
                .apiBaseUrl(ACUITY.baseUrl())
                .build();

        RecordBooking booking = booking(receiveAndInterpret(
                signed(FORM, Fixtures.bytes("acuity/webhook_scheduled.txt")), context));

        assertThat(booking.contact()).isEqualTo(ContactRef.byEmail("elodie.martin@example.fr"));
    }

    @Test
    void orderCompletedIsIgnoredWithoutCallingTheApi() {
        FakeConnectorContext context = acuityContext().build();

        Interpretation interpretation = receiveAndInterpret(signedForm("action=order.completed&id=90817"), context);

        assertThat(interpretation).isInstanceOf(Interpretation.Ignore.class);
        assertThat(context.recordedHttp().calls()).isEmpty();
        assertThat(ACUITY.getAllServeEvents()).isEmpty();
    }
}
