package io.switchboard.platform.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.StripeSigner;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The path of one webhook: tenant and connection lookup, verification, durable storage, processing. */
class WebhookIngressIT extends PlatformIT {

    private static final String CHECKOUT = "stripe/checkout_session_completed_payment_link.json";

    @Test
    void eachTenantsDeliveryIsStoredOnlyInItsOwnSchemaAndProcessed() {
        String alpha = onboard(uniqueSlug("alpha"));
        String beta = onboard(uniqueSlug("beta"));
        connect(alpha, "stripe", Map.of(), Map.of("webhookSecret", "whsec_alpha"));
        connect(beta, "stripe", Map.of(), Map.of("webhookSecret", "whsec_beta"));
        byte[] checkout = fixture(CHECKOUT);
        byte[] intent = fixture("stripe/payment_intent_succeeded.json");

        assertThat(webhook(alpha, "stripe", checkout, StripeSigner.headers(checkout, "whsec_alpha")).status()).isEqualTo(200);
        assertThat(webhook(beta, "stripe", intent, StripeSigner.headers(intent, "whsec_beta")).status()).isEqualTo(200);

        assertThat(stored(alpha)).containsExactly("evt_1ToUHNRk2TqLm7ZdydeYpnGj");
        assertThat(stored(beta)).containsExactly("evt_3Tz9YNRk2TqLm7Zd9e2NtFGR");
        assertThat(inboxOnceMoved(alpha)).containsExactly("evt_1ToUHNRk2TqLm7ZdydeYpnGj");
        assertThat(inboxOnceMoved(beta)).containsExactly("evt_3Tz9YNRk2TqLm7Zd9e2NtFGR");
        eventually(() -> {
            assertThat(rows(alpha, "SELECT status FROM {schema}.deliveries")).extracting(r -> r.get("status"))
                    .containsExactly("PROCESSED");
            assertThat(rows(beta, "SELECT status FROM {schema}.deliveries")).extracting(r -> r.get("status"))
                    .containsExactly("IGNORED");
        });
        assertThat(rows(alpha, "SELECT email FROM {schema}.contacts")).extracting(r -> r.get("email"))
                .containsExactly("elodie.martin@example.fr");
        assertThat(rows(beta, "SELECT email FROM {schema}.contacts")).isEmpty();
    }

    @Test
    void aWrongSignatureIsRejectedAndStoresNothing() {
        String slug = onboard(uniqueSlug("wrongsig"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_right"));
        byte[] body = fixture(CHECKOUT);

        Response response = webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_wrong"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(stored(slug)).isEmpty();
        assertThat(db().sql("SELECT count(*) FROM queue.work_items w JOIN platform.tenants t ON t.id = w.tenant_id WHERE t.slug = ?")
                .param(slug).query(Long.class).single()).isZero();
    }

    @Test
    void theSameDeliveryPostedTwiceLeavesOneRow() {
        String slug = onboard(uniqueSlug("dupe"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_dupe"));
        byte[] body = fixture(CHECKOUT);

        assertThat(webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_dupe")).status()).isEqualTo(200);
        assertThat(webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_dupe")).status()).isEqualTo(200);

        assertThat(inboxOnceMoved(slug)).hasSize(1);
        eventually(() -> assertThat(rows(slug, "SELECT status FROM {schema}.deliveries")).extracting(r -> r.get("status"))
                .containsExactly("PROCESSED"));
        assertThat(rows(slug, "SELECT id FROM {schema}.payments")).hasSize(1);
    }

    @Test
    void unknownTenantsProvidersAndDisabledConnectionsAre404() {
        String slug = onboard(uniqueSlug("known"));
        byte[] body = fixture(CHECKOUT);
        Map<String, String> headers = StripeSigner.headers(body, "whsec_x");

        assertThat(webhook("no-such-tenant", "stripe", body, headers).status()).isEqualTo(404);
        assertThat(webhook("Bad_Slug", "stripe", body, headers).status()).isEqualTo(404);
        assertThat(webhook("x;DROP", "stripe", body, headers).status()).as("rejected by the firewall").isEqualTo(400);
        assertThat(webhook(slug, "stripe", body, headers).status()).as("no connection yet").isEqualTo(404);
        assertThat(webhook(slug, "nosuchprovider", body, headers).status()).isEqualTo(404);
        api("PUT", "/api/v1/tenants/" + slug + "/connections/stripe", adminToken(),
                Map.of("enabled", false, "settings", Map.of(), "secrets", Map.of("webhookSecret", "whsec_x")));
        assertThat(webhook(slug, "stripe", body, headers).status()).as("disabled").isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "multipart/form-data; boundary=x", "application/octet-stream", "not a type"})
    void aBodyThatIsNotJsonAFormOrTextIs415AndStoresNothing(String contentType) {
        String slug = onboard(uniqueSlug("type"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_type"));
        byte[] body = fixture(CHECKOUT);
        Map<String, String> headers = new HashMap<>(StripeSigner.headers(body, "whsec_type"));
        headers.put("Content-Type", contentType);

        Response response = webhook(slug, "stripe", body, headers);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().path("type").asString()).endsWith("/unsupported-media-type");
        assertThat(stored(slug)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/vnd.acme+json", "text/plain"})
    void jsonAndTextBodiesAreAccepted(String contentType) {
        String slug = onboard(uniqueSlug("json"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_json"));
        byte[] body = fixture(CHECKOUT);
        Map<String, String> headers = new HashMap<>(StripeSigner.headers(body, "whsec_json"));
        headers.put("Content-Type", contentType);

        assertThat(webhook(slug, "stripe", body, headers).status()).isEqualTo(200);
        assertThat(stored(slug)).hasSize(1);
    }

    @Test
    void aBodyOverTheLimitIs413AndStoresNothing() {
        String slug = onboard(uniqueSlug("big"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_big"));
        byte[] body = ("{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        Response response = webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_big"));

        assertThat(response.status()).isEqualTo(413);
        assertThat(stored(slug)).isEmpty();
    }

    @Test
    void theInboxListsDeliveriesWithStatusAndAttempts() {
        String slug = onboard(uniqueSlug("inbox"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_inbox"));
        for (String file : List.of(CHECKOUT, "stripe/charge_refunded_partial.json", "stripe/payment_intent_succeeded.json")) {
            byte[] body = fixture(file);
            assertThat(webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_inbox")).status()).isEqualTo(200);
        }
        eventually(() -> assertThat(api("GET", "/api/v1/tenants/" + slug + "/deliveries?status=PROCESSED", adminToken(), null)
                .json().path("items").size()).isEqualTo(2));

        Response page = api("GET", "/api/v1/tenants/" + slug + "/deliveries?limit=2", adminToken(), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("items").size()).isEqualTo(2);
        assertThat(page.json().path("items").get(0).path("attempts").asInt()).isEqualTo(1);
        String cursor = page.json().path("nextCursor").asString();
        Response next = api("GET", "/api/v1/tenants/" + slug + "/deliveries?limit=2&cursor=" + cursor, adminToken(), null);
        assertThat(next.json().path("items").size()).isEqualTo(1);
        assertThat(next.json().path("nextCursor").isMissingNode() || next.json().path("nextCursor").isNull()).isTrue();
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/deliveries?status=BOGUS", adminToken(), null).status())
                .isEqualTo(400);
    }
}
