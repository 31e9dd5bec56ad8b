package io.switchboard.connectors.stripe;

import static io.switchboard.connectors.stripe.StripeTestRequests.NOW;
import static io.switchboard.connectors.stripe.StripeTestRequests.PREVIOUS_SECRET;
import static io.switchboard.connectors.stripe.StripeTestRequests.SECRET;
import static io.switchboard.connectors.stripe.StripeTestRequests.context;
import static io.switchboard.connectors.stripe.StripeTestRequests.post;
import static io.switchboard.connectors.stripe.StripeTestRequests.signatureHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.Verification;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import io.switchboard.connector.testkit.InboundRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StripeConnectorVerifyTest {

    private static final String PAYMENT_LINK = "stripe/checkout_session_completed_payment_link.json";

    private final StripeConnector connector = new StripeConnector();

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("checkout_session_completed_payment_link.json", "evt_1ToUHNRk2TqLm7ZdydeYpnGj",
                        "checkout.session.completed", 1789378868L),
                Arguments.of("checkout_session_completed_subscription.json", "evt_1T2ayaRk2TqLm7ZdI6rnxIkC",
                        "checkout.session.completed", 1789642081L),
                Arguments.of("payment_intent_succeeded.json", "evt_3Tz9YNRk2TqLm7Zd9e2NtFGR",
                        "payment_intent.succeeded", 1789378867L),
                Arguments.of("charge_refunded_partial.json", "evt_3THVKURk2TqLm7Zdv5juZDQZ",
                        "charge.refunded", 1789554837L),
                Arguments.of("charge_refunded_full.json", "evt_3TZEKDRk2TqLm7ZduKzT3ROG",
                        "charge.refunded", 1789811679L),
                Arguments.of("customer_subscription_created.json", "evt_1Tkb5tRk2TqLm7Zd8BPVWzTQ",
                        "customer.subscription.created", 1789470269L),
                Arguments.of("customer_subscription_updated_plan_and_status.json", "evt_1TCB6eRk2TqLm7ZdKbv8pLHR",
                        "customer.subscription.updated", 1789993691L),
                Arguments.of("customer_subscription_deleted.json", "evt_1TiHa5Rk2TqLm7ZdpyF2b9D4",
                        "customer.subscription.deleted", 1792929292L),
                Arguments.of("invoice_payment_succeeded.json", "evt_1TevTNRk2TqLm7Zd1WQPIHhI",
                        "invoice.payment_succeeded", 1789642081L),
                Arguments.of("invoice_payment_failed_attempt1.json", "evt_1TnyZDRk2TqLm7Zda4FSv01c",
                        "invoice.payment_failed", 1792237683L),
                Arguments.of("invoice_payment_failed_attempt3_final.json", "evt_1TdxhIRk2TqLm7ZdaUgyz17m",
                        "invoice.payment_failed", 1792929290L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFixtureVerifiesWithItsEventIdTypeAndCreatedTime(String file, String id, String type, long created) {
        byte[] body = Fixtures.bytes("stripe/" + file);

        Verification result = connector.verify(post(body, signatureHeader(body, SECRET, NOW)), context().build());

        assertThat(result).isInstanceOf(Verification.Verified.class);
        Verification.Verified verified = (Verification.Verified) result;
        assertThat(verified.acknowledgement().status()).isEqualTo(200);
        assertThat(verified.events()).singleElement().satisfies(event -> {
            assertThat(event.dedupeKey()).isEqualTo(id);
            assertThat(event.eventType()).isEqualTo(type);
            assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(created));
            assertThat(event.payload()).isEqualTo(body);
        });
    }

    @Test
    void everyStripeFixtureFileIsCoveredAbove() throws IOException {
        Path folder = Path.of(System.getProperty("switchboard.fixtures-dir"), "stripe");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".json")))
                    .containsExactlyInAnyOrderElementsOf(fixtures().map(a -> (String) a.get()[0]).toList());
        }
    }

    @Test
    void wrongSecretIsRejected() {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);

        Verification result = connector.verify(
                post(body, signatureHeader(body, "whsec_someone_else", NOW)), context().build());

        assertThat(result).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void noConfiguredSecretRejectsEvenAValidlyShapedRequest() {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);
        ConnectorContext noSecrets = FakeConnectorContext.builder()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();

        Verification result = connector.verify(post(body, signatureHeader(body, SECRET, NOW)), noSecrets);

        assertThat(result).isInstanceOf(Verification.Rejected.class);
        assertThat(((Verification.Rejected) result).reason()).contains("no Stripe webhook secret");
    }

    @Test
    void previousSecretIsAcceptedDuringRotation() {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);
        ConnectorContext rotating = context().secret(StripeConnector.PREVIOUS_WEBHOOK_SECRET, PREVIOUS_SECRET).build();

        assertThat(connector.verify(post(body, signatureHeader(body, PREVIOUS_SECRET, NOW)), rotating))
                .isInstanceOf(Verification.Verified.class);
        assertThat(connector.verify(post(body, signatureHeader(body, SECRET, NOW)), rotating))
                .isInstanceOf(Verification.Verified.class);
    }

    @Test
    void previousSecretIsRefusedOnceRemoved() {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);

        Verification result = connector.verify(
                post(body, signatureHeader(body, PREVIOUS_SECRET, NOW)), context().build());

        assertThat(result).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void headerWithOneSignaturePerActiveSecretVerifiesWithEitherSecretConfigured() {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);
        String currentOnly = signatureHeader(body, SECRET, NOW);
        String previousOnly = signatureHeader(body, PREVIOUS_SECRET, NOW);
        // What Stripe sends while both secrets are live: t=...,v1=<new>,v1=<old>
        String both = currentOnly + "," + previousOnly.substring(previousOnly.indexOf(",v1=") + 1);
        ConnectorContext previousConfiguredOnly = FakeConnectorContext.builder()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .secret(StripeConnector.WEBHOOK_SECRET, PREVIOUS_SECRET)
                .build();

        assertThat(both).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        assertThat(connector.verify(post(body, both), context().build())).isInstanceOf(Verification.Verified.class);
        assertThat(connector.verify(post(body, both), previousConfiguredOnly))
                .isInstanceOf(Verification.Verified.class);
    }

    @Test
    void staleTimestampIsRejected() {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);

        Verification stale = connector.verify(
                post(body, signatureHeader(body, SECRET, NOW.minusSeconds(301))), context().build());
        Verification edge = connector.verify(
                post(body, signatureHeader(body, SECRET, NOW.minusSeconds(300))), context().build());

        assertThat(stale).isInstanceOf(Verification.Rejected.class);
        assertThat(((Verification.Rejected) stale).reason()).contains("tolerance");
        assertThat(edge).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void staleTimestampIsRejectedWithThePreviousSecretToo() {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);
        ConnectorContext rotating = context().secret(StripeConnector.PREVIOUS_WEBHOOK_SECRET, PREVIOUS_SECRET).build();

        Verification result = connector.verify(
                post(body, signatureHeader(body, PREVIOUS_SECRET, NOW.minusSeconds(3600))), rotating);

        assertThat(result).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void timestampTooFarInTheFutureIsRejected() {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);

        Verification future = connector.verify(
                post(body, signatureHeader(body, SECRET, NOW.plusSeconds(301))), context().build());
        Verification skewed = connector.verify(
                post(body, signatureHeader(body, SECRET, NOW.plusSeconds(300))), context().build());

        assertThat(future).isInstanceOf(Verification.Rejected.class);
        assertThat(skewed).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void verificationUsesTheContextClockNotTheMachineClock() {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        ConnectorContext thenContext = context().clock(Clock.fixed(longAgo, ZoneOffset.UTC)).build();

        assertThat(connector.verify(post(body, signatureHeader(body, SECRET, longAgo)), thenContext))
                .isInstanceOf(Verification.Verified.class);
        assertThat(connector.verify(post(body, signatureHeader(body, SECRET, NOW)), thenContext))
                .isInstanceOf(Verification.Rejected.class);
    }

    static Stream<String> malformedHeaders() {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);
        String valid = signatureHeader(body, SECRET, NOW);
        String v1 = valid.substring(valid.indexOf("v1=") + 3);
        long t = NOW.getEpochSecond();
        return Stream.of(
                "garbage",
                "t",
                "v1",
                "t=",
                "=",
                ",,,",
                "t=,v1=" + v1,
                "t=abc,v1=" + v1,
                "t=99999999999999999999,v1=" + v1,
                "t=-1,v1=" + v1,
                "t=" + t,
                "t=" + t + ",v1=",
                "t=" + t + ",v0=" + v1,
                "v1=" + v1,
                "t=" + t + ",v1=" + v1.toUpperCase(Locale.ROOT),
                "t=" + t + ",v1=" + v1.substring(0, 63),
                "t=" + t + ";v1=" + v1,
                "t=" + t + ", v1=" + v1,
                "\u0000\uFFFF");
    }

    @ParameterizedTest
    @MethodSource("malformedHeaders")
    void malformedHeaderIsRejectedWithoutException(String header) {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);

        Verification result = connector.verify(post(body, header), context().build());

        assertThat(result).isInstanceOf(Verification.Rejected.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyHeaderIsRejected(String header) {
        Verification result = connector.verify(post(Fixtures.bytes(PAYMENT_LINK), header), context().build());

        assertThat(result).isInstanceOf(Verification.Rejected.class);
        assertThat(((Verification.Rejected) result).reason()).contains("missing Stripe-Signature");
    }

    @Test
    void absentHeaderIsRejected() {
        InboundRequest request = InboundRequests.post().body(Fixtures.bytes(PAYMENT_LINK)).build();

        assertThat(connector.verify(request, context().build())).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void headerNameIsMatchedCaseInsensitively() {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);
        InboundRequest request = InboundRequests.post()
                .header("stripe-signature", signatureHeader(body, SECRET, NOW))
                .body(body)
                .build();

        assertThat(connector.verify(request, context().build())).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void tamperedBodyIsRejected() {
        byte[] body = Fixtures.bytes(PAYMENT_LINK);
        String header = signatureHeader(body, SECRET, NOW);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("\"amount_total\": 4500", "\"amount_total\": 450")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(tampered).isNotEqualTo(body);
        assertThat(connector.verify(post(tampered, header), context().build()))
                .isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void signatureOfAnotherEventIsRejected() {
        byte[] signed = Fixtures.bytes("stripe/charge_refunded_partial.json");
        byte[] sent = Fixtures.bytes("stripe/charge_refunded_full.json");

        assertThat(connector.verify(post(sent, signatureHeader(signed, SECRET, NOW)), context().build()))
                .isInstanceOf(Verification.Rejected.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "",
        "[]",
        "{\"hello\":\"world\"}",
        "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_1\",\"created\":1789378868,\"data\":{\"object\":{}}}",
        "{\"type\":\"charge.refunded\",\"created\":1789378868,\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"created\":\"yesterday\",\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"created\":1789378868.5,\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"created\":1789378868}",
        "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"created\":1789378868,\"data\":{\"object\":{}}} trailing",
        "{id:\"evt_1\",\"type\":\"charge.refunded\",\"created\":1789378868,\"data\":{\"object\":{}}}",
        "{\"id\":\"\",\"type\":\"charge.refunded\",\"created\":1789378868,\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"created\":9223372036854775807,\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"created\":1789378868,\"data\":{\"object\":{\"d\":\"a\tb\"}}}",
        "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"created\":1789378868,\"data\":{\"object\":[]}}",
        "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"created\":1789378868,\"data\":{\"object\":{}},\"id\":null}"
    })
    void verifiedBodyThatIsNotAStripeEventIsRejected(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        Verification result = connector.verify(post(body, signatureHeader(body, SECRET, NOW)), context().build());

        assertThat(result).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void minimalStripeEventIsAccepted() {
        byte[] body = "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"created\":1789378868,\"data\":{\"object\":{}}}"
                .getBytes(StandardCharsets.UTF_8);

        Verification result = connector.verify(post(body, signatureHeader(body, SECRET, NOW)), context().build());

        assertThat(result).isInstanceOf(Verification.Verified.class);
        ReceivedEvent event = ((Verification.Verified) result).events().get(0);
        assertThat(event.dedupeKey()).isEqualTo("evt_1");
    }

    @Test
    void bodyThatIsNotUtf8IsRejectedEvenWhenItsDecodedTextWasSigned() {
        byte[] body = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        Verification result = connector.verify(post(body, signatureHeader(body, SECRET, NOW)), context().build());

        assertThat(result).isInstanceOf(Verification.Rejected.class);
        assertThat(((Verification.Rejected) result).reason()).contains("UTF-8");
    }
}
