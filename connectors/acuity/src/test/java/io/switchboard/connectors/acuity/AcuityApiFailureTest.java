package io.switchboard.connectors.acuity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.switchboard.connectors.acuity.AcuityWebhooks.API_KEY;
import static io.switchboard.connectors.acuity.AcuityWebhooks.FORM;
import static io.switchboard.connectors.acuity.AcuityWebhooks.USER_ID;
import static io.switchboard.connectors.acuity.AcuityWebhooks.signed;
import static io.switchboard.connectors.acuity.AcuityWebhooks.stored;
import static io.switchboard.connectors.acuity.AcuityWebhooks.verifiedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.command.BookingStatus;
import io.switchboard.connector.command.RecordBooking;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcuityApiFailureTest {

    private static final Instant RECEIVED = Instant.parse("2026-09-14T09:42:17Z");
    private static final String APPOINTMENT_PATH = "/api/v1/appointments/1387452209";
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

    private static FakeConnectorContext contextFor(String apiBaseUrl) {
        return FakeConnectorContext.builder()
                .secret("apiKey", API_KEY)
                .setting("userId", USER_ID)
                .setting("defaultCountryCode", "33")
                .clock(Clock.fixed(RECEIVED, ZoneOffset.UTC))
                .apiBaseUrl(apiBaseUrl)
                .build();
    }

    private StoredDelivery scheduledDelivery(FakeConnectorContext context) {
        return stored(verifiedEvent(connector, signed(FORM, Fixtures.bytes("acuity/webhook_scheduled.txt")), context),
                RECEIVED);
    }

    private Interpretation interpretWhenAcuityAnswers(ResponseDefinitionBuilder answer) {
        ACUITY.stubFor(get(urlEqualTo(APPOINTMENT_PATH)).willReturn(answer));
        FakeConnectorContext context = contextFor(ACUITY.baseUrl());
        return connector.interpret(scheduledDelivery(context), context);
    }

    @Test
    void unknownAppointmentFailsWithoutABooking() {
        Interpretation interpretation = interpretWhenAcuityAnswers(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status_code\":404,\"message\":\"Appointment not found.\",\"error\":\"not_found\"}"));

        assertThat(interpretation).isEqualTo(Interpretation.fail("appointment 1387452209 does not exist at Acuity"));
    }

    @Test
    void badRequestSayingNotFoundFailsLikeA404() {
        Interpretation interpretation = interpretWhenAcuityAnswers(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status_code\":400,\"message\":\"Appointment not found.\",\"error\":\"not_found\"}"));

        assertThat(interpretation).isEqualTo(Interpretation.fail("appointment 1387452209 does not exist at Acuity"));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedCredentialsFailInsteadOfRetryingForever(int status) {
        Interpretation interpretation = interpretWhenAcuityAnswers(aResponse().withStatus(status)
                .withBody("{\"status_code\":" + status + ",\"error\":\"unauthorized\"}"));

        assertThat(interpretation).isInstanceOf(Interpretation.Fail.class);
        assertThat(((Interpretation.Fail) interpretation).reason())
                .contains("credentials", String.valueOf(status))
                .doesNotContain(API_KEY);
    }

    @Test
    void serverErrorIsRetriedWithThePlatformsBackoff() {
        Interpretation interpretation = interpretWhenAcuityAnswers(aResponse().withStatus(500));

        assertThat(interpretation).isEqualTo(new Interpretation.Retry("Acuity API answered HTTP 500", Duration.ZERO));
    }

    @Test
    void rateLimitIsRetriedNoSoonerThanRetryAfter() {
        Interpretation interpretation = interpretWhenAcuityAnswers(aResponse().withStatus(429)
                .withHeader("Retry-After", "7"));

        assertThat(interpretation).isInstanceOf(Interpretation.Retry.class);
        assertThat(((Interpretation.Retry) interpretation).notBefore()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void garbledSuccessIsRetried() {
        Interpretation interpretation = interpretWhenAcuityAnswers(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>maintenance</html>"));

        assertThat(interpretation).isInstanceOf(Interpretation.Retry.class);
    }

    @Test
    void otherClientErrorFails() {
        Interpretation interpretation = interpretWhenAcuityAnswers(aResponse().withStatus(400)
                .withBody("{\"status_code\":400,\"error\":\"invalid_id\"}"));

        assertThat(interpretation).isEqualTo(Interpretation.fail("Acuity API answered HTTP 400"));
    }

    @Test
    void droppedConnectionIsRetried() {
        Interpretation interpretation = interpretWhenAcuityAnswers(
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(interpretation).isInstanceOf(Interpretation.Retry.class);
    }

    @Test
    void refusedConnectionIsRetried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FakeConnectorContext context = contextFor("http://127.0.0.1:" + closedPort);

        Interpretation interpretation = connector.interpret(scheduledDelivery(context), context);

        assertThat(interpretation).isInstanceOf(Interpretation.Retry.class);
        assertThat(((Interpretation.Retry) interpretation).reason()).startsWith("Acuity API unreachable");
    }

    @Test
    void apiDownThenBackIsRetriedThenRecorded() {
        FakeConnectorContext context = contextFor(ACUITY.baseUrl());
        StoredDelivery delivery = scheduledDelivery(context);
        ACUITY.stubFor(get(urlEqualTo(APPOINTMENT_PATH)).willReturn(aResponse().withStatus(503)));

        Interpretation whileDown = connector.interpret(delivery, context);

        ACUITY.stubFor(get(urlEqualTo(APPOINTMENT_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Fixtures.bytes("acuity/api_appointment_1387452209_scheduled.json"))));
        Interpretation onceBack = connector.interpret(delivery, context);

        assertThat(whileDown).isInstanceOf(Interpretation.Retry.class);
        assertThat(onceBack).isInstanceOf(Interpretation.Apply.class);
        assertThat(((Interpretation.Apply) onceBack).commands()).singleElement()
                .isInstanceOfSatisfying(RecordBooking.class,
                        booking -> assertThat(booking.status()).isEqualTo(BookingStatus.BOOKED));
        ACUITY.verify(2, getRequestedFor(urlEqualTo(APPOINTMENT_PATH)));
    }

    @Test
    void connectionWithoutUserIdFailsWithoutCallingTheApi() {
        FakeConnectorContext context = FakeConnectorContext.builder()
                .secret("apiKey", API_KEY)
                .clock(Clock.fixed(RECEIVED, ZoneOffset.UTC))
                .apiBaseUrl(ACUITY.baseUrl())
                .build();

        Interpretation interpretation = connector.interpret(scheduledDelivery(context), context);

        assertThat(interpretation).isInstanceOf(Interpretation.Fail.class);
        assertThat(ACUITY.getAllServeEvents()).isEmpty();
    }

    @Test
    void appointmentWithoutEmailOrPhoneFails() {
        String anonymous = Fixtures.text("acuity/api_appointment_1387452209_scheduled.json")
                .replace("\"elodie.martin@example.fr\"", "\"\"")
                .replace("\"06 39 98 01 01\"", "\"\"");

        Interpretation interpretation = interpretWhenAcuityAnswers(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(anonymous));

        assertThat(interpretation).isInstanceOf(Interpretation.Fail.class);
    }
}
