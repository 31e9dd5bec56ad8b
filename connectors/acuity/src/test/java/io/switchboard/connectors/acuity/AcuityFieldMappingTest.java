package io.switchboard.connectors.acuity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.switchboard.connectors.acuity.AcuityWebhooks.API_KEY;
import static io.switchboard.connectors.acuity.AcuityWebhooks.FORM;
import static io.switchboard.connectors.acuity.AcuityWebhooks.USER_ID;
import static io.switchboard.connectors.acuity.AcuityWebhooks.firstFormValues;
import static io.switchboard.connectors.acuity.AcuityWebhooks.signed;
import static io.switchboard.connectors.acuity.AcuityWebhooks.stored;
import static io.switchboard.connectors.acuity.AcuityWebhooks.verifiedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.RecordBooking;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tenant's {@code fieldMapping} setting promotes intake answers onto the contact. */
class AcuityFieldMappingTest {

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

    /** The scheduled fixture with three more intake answers, as a tenant's richer form would give. */
    private static String appointmentWithExtraAnswers() {
        JsonObject appointment = JsonParser.parseString(
                Fixtures.text("acuity/api_appointment_1387452209_scheduled.json")).getAsJsonObject();
        JsonArray values = appointment.getAsJsonArray("forms").get(0).getAsJsonObject().getAsJsonArray("values");
        values.add(answer(11830480L, "Prénom d'usage", "Élo"));
        values.add(answer(11830481L, "Téléphone portable", "07 11 22 33 44"));
        values.add(answer(11830482L, "Quartier", "Lyon 2e"));
        return appointment.toString();
    }

    private static JsonObject answer(long fieldId, String name, String value) {
        JsonObject answer = new JsonObject();
        answer.addProperty("id", fieldId * 10);
        answer.addProperty("fieldID", fieldId);
        answer.addProperty("value", value);
        answer.addProperty("name", name);
        return answer;
    }

    private RecordBooking interpretScheduled(String appointmentJson, Map<String, String> fieldMapping) {
        ACUITY.stubFor(get(urlEqualTo("/api/v1/appointments/1387452209")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(appointmentJson)));
        FakeConnectorContext context = FakeConnectorContext.builder()
                .secret("apiKey", API_KEY)
                .setting("userId", USER_ID)
                .setting("defaultCountryCode", "33")
                .setting("fieldMapping", fieldMapping)
                .clock(Clock.fixed(RECEIVED, ZoneOffset.UTC))
                .apiBaseUrl(ACUITY.baseUrl())
                .build();
        Interpretation interpretation = connector.interpret(stored(verifiedEvent(connector,
                signed(FORM, Fixtures.bytes("acuity/webhook_scheduled.txt")), context), RECEIVED), context);
        assertThat(interpretation).isInstanceOf(Interpretation.Apply.class);
        return (RecordBooking) ((Interpretation.Apply) interpretation).commands().get(0);
    }

    @Test
    void mappedAnswersOverrideNameAndPhoneAndOthersBecomeAttributes() {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("Prénom d'usage", "firstName");
        mapping.put("  téléphone PORTABLE ", "phone");
        mapping.put("Votre niveau ?", "level");
        mapping.put("11830476", "smsConsent");
        mapping.put("Champ qui n'existe pas", "ghost");

        RecordBooking booking = interpretScheduled(appointmentWithExtraAnswers(), mapping);

        assertThat(booking.contact()).isEqualTo(new ContactRef("elodie.martin@example.fr", "+33711223344"));
        assertThat(booking.details()).isEqualTo(
                new ContactDetails("Élo", "Martin", Map.of("level", "Débutant", "smsConsent", "Oui")));
        assertThat(firstFormValues(booking)).hasSize(6)
                .contains(Map.of("fieldID", 11830482L, "name", "Quartier", "value", "Lyon 2e"));
    }

    @Test
    void mappedAnswerThatIsNotAPhoneNumberKeepsTheBookingsPhone() {
        RecordBooking booking = interpretScheduled(appointmentWithExtraAnswers(), Map.of("Votre niveau ?", "phone"));

        assertThat(booking.contact().phone()).isEqualTo("+33639980101");
        assertThat(booking.details().attributes()).isEmpty();
    }

    @Test
    void blankMappedAnswerLeavesTheStandardFieldAlone() {
        String blankAnswer = Fixtures.text("acuity/api_appointment_1387452209_scheduled.json")
                .replace("\"Allergie au latex\"", "\"  \"");

        RecordBooking booking = interpretScheduled(blankAnswer, Map.of("Informations complémentaires", "lastName"));

        assertThat(booking.details()).isEqualTo(ContactDetails.name("Élodie", "Martin"));
    }

    @Test
    void withoutMappingOnlyTheStandardFieldsArePromoted() {
        RecordBooking booking = interpretScheduled(appointmentWithExtraAnswers(), Map.of());

        assertThat(booking.details()).isEqualTo(ContactDetails.name("Élodie", "Martin"));
        assertThat(booking.contact().phone()).isEqualTo("+33639980101");
    }
}
