package io.switchboard.connectors.acuity;

import static io.switchboard.connectors.acuity.AcuityWebhooks.API_KEY;
import static io.switchboard.connectors.acuity.AcuityWebhooks.FORM;
import static io.switchboard.connectors.acuity.AcuityWebhooks.signed;
import static io.switchboard.connectors.acuity.AcuityWebhooks.signedForm;
import static io.switchboard.connectors.acuity.AcuityWebhooks.signedWith;
import static io.switchboard.connectors.acuity.AcuityWebhooks.verifiedEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConfigField.FieldType;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.Verification;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import io.switchboard.connector.testkit.InboundRequests;
import io.switchboard.connector.testkit.Signatures;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcuityConnectorVerifyTest {

    private static final Instant NOW = Instant.parse("2026-09-14T09:42:17Z");
    private static final long NOW_MINUTE = NOW.getEpochSecond() / 60;

    private final AcuityConnector connector = new AcuityConnector();

    private static FakeConnectorContext contextAt(Instant now) {
        return FakeConnectorContext.builder()
                .tenant("acme")
                .secret("apiKey", API_KEY)
                .setting("userId", AcuityWebhooks.USER_ID)
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
    }

    private Verification verify(InboundRequest request) {
        return connector.verify(request, contextAt(NOW));
    }

    @Test
    void descriptorDeclaresTheConnectionFieldsOfThePublicApi() {
        ConnectorDescriptor descriptor = connector.descriptor();

        assertThat(descriptor.providerId()).isEqualTo("acuity");
        assertThat(descriptor.displayName()).isEqualTo("Acuity Scheduling");
        assertThat(descriptor.defaultApiBaseUrl()).isEqualTo(URI.create("https://acuityscheduling.com"));
        assertThat(descriptor.fields())
                .extracting(ConfigField::name, ConfigField::type, ConfigField::secret, ConfigField::required)
                .containsExactly(
                        tuple("apiKey", FieldType.TEXT, true, true),
                        tuple("userId", FieldType.TEXT, false, true),
                        tuple("fieldMapping", FieldType.STRING_MAP, false, false),
                        tuple("defaultCountryCode", FieldType.TEXT, false, false));
        assertThat(descriptor.eventTypes()).containsExactlyInAnyOrder("appointment.scheduled",
                "appointment.rescheduled", "appointment.canceled", "appointment.changed", "order.completed");
    }

    @Test
    void connectorIsListedInThePluginExtensionIndex() throws IOException {
        List<String> indexed = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = url.openStream()) {
                indexed.addAll(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")));
            }
        }
        assertThat(indexed).contains(AcuityConnector.class.getName());
    }

    @ParameterizedTest
    @CsvSource({
        "acuity/webhook_scheduled.txt,   appointment.scheduled,   1387452209, scheduled",
        "acuity/webhook_rescheduled.txt, appointment.rescheduled, 1387452209, rescheduled",
        "acuity/webhook_canceled.txt,    appointment.canceled,    1387460831, canceled",
        "acuity/webhook_changed.txt,     appointment.changed,     1387471756, changed"
    })
    void fixtureSignedWithTheApiKeyIsVerified(String fixture, String eventType, long id, String action) {
        byte[] body = Fixtures.bytes(fixture);

        ReceivedEvent event = verifiedEvent(connector, signed(FORM, body), contextAt(NOW));

        assertThat(event.eventType()).isEqualTo(eventType);
        assertThat(event.dedupeKey()).isEqualTo(id + ":" + action + ":" + NOW_MINUTE);
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.payload()).isEqualTo(body);
    }

    @Test
    void formContentTypeWithCharsetIsAccepted() {
        byte[] body = Fixtures.bytes("acuity/webhook_scheduled.txt");

        ReceivedEvent event = verifiedEvent(connector,
                signed("application/x-www-form-urlencoded; charset=UTF-8", body), contextAt(NOW));

        assertThat(event.eventType()).isEqualTo("appointment.scheduled");
    }

    @Test
    void tamperedBodyIsRejected() {
        byte[] body = Fixtures.bytes("acuity/webhook_scheduled.txt");
        String signature = Signatures.acuitySignature(API_KEY, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("id=1387452209", "id=1387452210")
                .getBytes(StandardCharsets.UTF_8);

        Verification verification = verify(InboundRequests.post().header("Content-Type", FORM)
                .header("X-Acuity-Signature", signature).body(tampered).build());

        assertThat(verification).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void missingSignatureIsRejected() {
        Verification verification = verify(InboundRequests.post().header("Content-Type", FORM)
                .body(Fixtures.bytes("acuity/webhook_scheduled.txt")).build());

        assertThat(verification).isEqualTo(Verification.rejected("missing X-Acuity-Signature"));
    }

    @Test
    void signatureMadeWithAnotherKeyIsRejected() {
        Verification verification = verify(
                signedWith("someone-elses-key", FORM, Fixtures.bytes("acuity/webhook_scheduled.txt")));

        assertThat(verification).isEqualTo(Verification.rejected("invalid X-Acuity-Signature"));
    }

    @Test
    void garbageSignatureIsRejected() {
        Verification verification = verify(InboundRequests.post().header("Content-Type", FORM)
                .header("X-Acuity-Signature", "not base64 at all!")
                .body(Fixtures.bytes("acuity/webhook_scheduled.txt")).build());

        assertThat(verification).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void connectionWithoutApiKeyRejectsEverything() {
        FakeConnectorContext noKey = FakeConnectorContext.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

        Verification verification = connector.verify(
                signed(FORM, Fixtures.bytes("acuity/webhook_scheduled.txt")), noKey);

        assertThat(verification).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void jsonBodyIsAccepted() {
        String json = "{\"action\":\"rescheduled\",\"id\":1387452209,\"calendarID\":6104231,"
                + "\"appointmentTypeID\":58203147}";

        ReceivedEvent event = verifiedEvent(connector,
                signed("application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8)), contextAt(NOW));

        assertThat(event.eventType()).isEqualTo("appointment.rescheduled");
        assertThat(event.dedupeKey()).isEqualTo("1387452209:rescheduled:" + NOW_MINUTE);
    }

    @Test
    void jsonBodyWithIdsAsStringsIsAccepted() {
        String json = "{\"action\":\"scheduled\",\"id\":\"1387452209\",\"appointmentTypeID\":\"58203147\"}";

        ReceivedEvent event = verifiedEvent(connector,
                signed("application/json", json.getBytes(StandardCharsets.UTF_8)), contextAt(NOW));

        assertThat(event.dedupeKey()).isEqualTo("1387452209:scheduled:" + NOW_MINUTE);
    }

    @ParameterizedTest
    @CsvSource({
        "scheduled,             appointment.scheduled",
        "rescheduled,           appointment.rescheduled",
        "canceled,              appointment.canceled",
        "cancelled,             appointment.canceled",
        "changed,               appointment.changed",
        "order.completed,       order.completed",
        "appointment.scheduled, appointment.scheduled",
        "appointment.canceled,  appointment.canceled"
    })
    void eachActionHasItsEventType(String action, String eventType) {
        ReceivedEvent event = verifiedEvent(connector,
                signedForm("action=" + action + "&id=1387452209&calendarID=6104231&appointmentTypeID=58203147"),
                contextAt(NOW));

        assertThat(event.eventType()).isEqualTo(eventType);
    }

    @Test
    void bothSpellingsOfCanceledShareOneDedupeKey() {
        ReceivedEvent american = verifiedEvent(connector, signedForm("action=canceled&id=42"), contextAt(NOW));
        ReceivedEvent british = verifiedEvent(connector, signedForm("action=cancelled&id=42"), contextAt(NOW));

        assertThat(british.dedupeKey()).isEqualTo(american.dedupeKey()).isEqualTo("42:canceled:" + NOW_MINUTE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "action=booked&id=1387452209",
        "action=&id=1387452209",
        "id=1387452209&calendarID=6104231",
        "action=scheduled&calendarID=6104231",
        "action=scheduled&id=",
        "action=scheduled&id=abc",
        "action=scheduled&id=-5",
        "action=scheduled&id=0",
        "action=scheduled&id=99999999999999999999999",
        "action=appointment.order.completed&id=5"
    })
    void signedBodyWithUnknownActionOrBadIdIsRejected(String body) {
        assertThat(verify(signedForm(body))).isInstanceOf(Verification.Rejected.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"action\":\"scheduled\",", "[1,2,3]", "{\"action\":\"scheduled\",\"id\":{\"n\":1}}"})
    void signedMalformedJsonIsRejected(String json) {
        Verification verification = verify(signed("application/json", json.getBytes(StandardCharsets.UTF_8)));

        assertThat(verification).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void signedBodyOfAnotherContentTypeIsRejected() {
        Verification verification = verify(signed("text/plain", Fixtures.bytes("acuity/webhook_scheduled.txt")));

        assertThat(verification).isEqualTo(Verification.rejected("unsupported content type"));
    }

    @Test
    void dedupeKeyIsStableWithinTheMinuteReceivedAndChangesTheNextMinute() {
        byte[] body = Fixtures.bytes("acuity/webhook_rescheduled.txt");
        Instant minuteStart = Instant.parse("2026-09-20T08:15:00Z");

        String first = verifiedEvent(connector, signed(FORM, body), contextAt(minuteStart)).dedupeKey();
        String retry = verifiedEvent(connector, signed(FORM, body), contextAt(minuteStart.plusSeconds(59)))
                .dedupeKey();
        String nextMinute = verifiedEvent(connector, signed(FORM, body), contextAt(minuteStart.plusSeconds(60)))
                .dedupeKey();

        assertThat(retry).isEqualTo(first).isEqualTo("1387452209:rescheduled:" + minuteStart.getEpochSecond() / 60);
        assertThat(nextMinute).isNotEqualTo(first)
                .isEqualTo("1387452209:rescheduled:" + (minuteStart.getEpochSecond() / 60 + 1));
    }

    @Test
    void differentActionsOnOneAppointmentInOneMinuteAreDistinctDeliveries() {
        String scheduled = verifiedEvent(connector, signedForm("action=scheduled&id=7"), contextAt(NOW)).dedupeKey();
        String changed = verifiedEvent(connector, signedForm("action=changed&id=7"), contextAt(NOW)).dedupeKey();

        assertThat(scheduled).isNotEqualTo(changed);
    }
}
