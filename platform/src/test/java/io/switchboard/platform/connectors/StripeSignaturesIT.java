package io.switchboard.platform.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.StripeSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who gets in at {@code /webhooks/{tenant}/stripe}: both secrets during a rotation (Stripe then sends one
 * {@code v1} per secret), nothing signed too long ago, and every malformed {@code Stripe-Signature} header is a
 * 400 that stores nothing, never a 500.
 */
class StripeSignaturesIT extends PlatformIT {

    private static final String CURRENT = "whsec_rotation_current";
    private static final String PREVIOUS = "whsec_rotation_previous";
    private static final String CHECKOUT = "stripe/checkout_session_completed_payment_link.json";

    @Test
    void duringARotationBothSecretsAreAcceptedAndAfterItOnlyTheNewOne() {
        String slug = onboard(uniqueSlug("rotate"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", CURRENT, "previousWebhookSecret", PREVIOUS));
        byte[] checkout = fixture(CHECKOUT);
        byte[] intent = fixture("stripe/payment_intent_succeeded.json");
        byte[] refund = fixture("stripe/charge_refunded_partial.json");
        long now = Instant.now().getEpochSecond();

        assertThat(post(slug, checkout, header(checkout, PREVIOUS, now)).status()).as("old secret").isEqualTo(200);
        assertThat(post(slug, intent, header(intent, CURRENT, now)).status()).as("new secret").isEqualTo(200);
        String both = "t=" + now + ",v1=" + v1(refund, "whsec_someone_else", now) + ",v1=" + v1(refund, CURRENT, now);
        assertThat(post(slug, refund, both).status()).as("one of two v1 matches").isEqualTo(200);
        byte[] full = fixture("stripe/charge_refunded_full.json");
        String neither = "t=" + now + ",v1=" + v1(full, "whsec_a", now) + ",v1=" + v1(full, "whsec_b", now);
        assertThat(post(slug, full, neither).status()).as("no v1 matches").isEqualTo(400);
        assertThat(stored(slug))
                .containsExactlyInAnyOrder("evt_1ToUHNRk2TqLm7ZdydeYpnGj", "evt_3Tz9YNRk2TqLm7Zd9e2NtFGR", "evt_3THVKURk2TqLm7Zdv5juZDQZ");

        // Rotation over: an empty value removes the previous secret.
        connect(slug, "stripe", Map.of(), Map.of("previousWebhookSecret", ""));
        assertThat(post(slug, full, header(full, PREVIOUS, now)).status()).as("old secret after rotation").isEqualTo(400);
        assertThat(post(slug, full, header(full, CURRENT, now)).status()).as("new secret after rotation").isEqualTo(200);
        assertThat(stored(slug)).hasSize(4);
    }

    @Test
    void aSignatureOlderThanFiveMinutesIsRejectedAndNothingIsStored() {
        String slug = onboard(uniqueSlug("stale"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", CURRENT));
        byte[] body = fixture(CHECKOUT);
        long now = Instant.now().getEpochSecond();

        Response stale = webhook(slug, "stripe", body, StripeSigner.headers(body, CURRENT, now - 6 * 60));
        Response future = webhook(slug, "stripe", body, StripeSigner.headers(body, CURRENT, now + 10 * 60));

        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        assertThat(future.status()).isEqualTo(400);
        assertThat(stored(slug)).isEmpty();
        assertThat(webhook(slug, "stripe", body, StripeSigner.headers(body, CURRENT, now - 60)).status())
                .as("a minute old is within the tolerance").isEqualTo(200);
    }

    @Test
    void malformedSignatureHeadersAre400NeverA500() {
        String slug = onboard(uniqueSlug("malformed"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", CURRENT));
        byte[] body = fixture(CHECKOUT);
        long now = Instant.now().getEpochSecond();
        String good = v1(body, CURRENT, now);
        List<String> headers = List.of(
                "garbage", "t", "t=", "=", ",,,", "t=abc,v1=" + good, "v1=" + good, "t=" + now, "t=" + now + ",v1=",
                "t=" + now + ",v0=" + good, "t=" + now + ",v1=" + good.substring(2), "t=" + now + ",v1=zz" + good,
                "t=" + now + ";v1=" + good, "t=" + now + "0000000000000000000000,v1=" + good, "t=-1,v1=" + good,
                "t==" + now + ",v1==" + good, "t=" + now + ",v1=" + good.toUpperCase(), "v1=" + good + ",t=",
                "t=" + now + ",v1=" + "ab".repeat(2000));

        for (String header : headers) {
            Response response = post(slug, body, header);
            assertThat(response.status()).as("Stripe-Signature: %s", header).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(header).startsWith("application/problem+json");
        }
        Response missing = webhook(slug, "stripe", body, Map.of("Content-Type", "application/json"));
        assertThat(missing.status()).as("no header").isEqualTo(400);
        assertThat(stored(slug)).isEmpty();
    }

    @Test
    void aCorrectlySignedBodyThatIsNotAStripeEventIsRejected() {
        String slug = onboard(uniqueSlug("notevent"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", CURRENT));
        long now = Instant.now().getEpochSecond();

        for (String text : List.of("not json", "{\"id\":\"evt_x\"}", "[]", "{\"id\":\"evt_1\",\"type\":\"x\",\"created\":1}")) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            assertThat(post(slug, body, header(body, CURRENT, now)).status()).as(text).isEqualTo(400);
        }
        assertThat(stored(slug)).isEmpty();
    }

    private Response post(String slug, byte[] body, String signature) {
        return webhook(slug, "stripe", body, Map.of("Stripe-Signature", signature, "Content-Type", "application/json"));
    }

    private static String header(byte[] body, String secret, long timestamp) {
        return StripeSigner.headers(body, secret, timestamp).get("Stripe-Signature");
    }

    /** The {@code v1} signature stripe-java computes for the body, secret and time. */
    private static String v1(byte[] body, String secret, long timestamp) {
        String header = header(body, secret, timestamp);
        return header.substring(header.indexOf("v1=") + 3);
    }
}
