package io.switchboard.platform.processing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.AcuitySigner;
import io.switchboard.platform.support.PlatformIT;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A delivery whose processing fails is retried with backoff, dead-lettered with an incident, and replayable. */
class RetryAndDeadLetterIT extends PlatformIT {

    @Test
    void failingProcessingIsRetriedThenDeadWithAnIncidentAndReplayFixesIt() {
        String slug = onboard(uniqueSlug("retry"));
        connect(slug, "acuity", Map.of("userId", "19283746"), Map.of("apiKey", "acuity-key"));
        PROVIDERS.stubFor(get(urlEqualTo("/api/v1/appointments/1387452209")).willReturn(aResponse().withStatus(503)));
        byte[] body = fixture("acuity/webhook_scheduled.txt");

        assertThat(webhook(slug, "acuity", body, AcuitySigner.headers(body, "acuity-key")).status()).isEqualTo(200);

        eventually(() -> assertThat(rows(slug, "SELECT status, attempts FROM {schema}.deliveries")).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("DEAD");
                    assertThat(row.get("attempts")).isEqualTo(3);
                }));
        PROVIDERS.verify(3, getRequestedFor(urlEqualTo("/api/v1/appointments/1387452209")));
        assertThat(rows(slug, "SELECT kind, severity FROM {schema}.incidents")).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("kind")).isEqualTo("delivery.dead");
                    assertThat(row.get("severity")).isEqualTo("ERROR");
                });
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/deliveries?status=DEAD", adminToken(), null)
                .json().path("items").size()).isEqualTo(1);

        PROVIDERS.stubFor(get(urlEqualTo("/api/v1/appointments/1387452209")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(fixture("acuity/api_appointment_1387452209_scheduled.json"))));
        String id = rows(slug, "SELECT id FROM {schema}.deliveries").get(0).get("id").toString();
        Response replay = api("POST", "/api/v1/tenants/" + slug + "/deliveries/" + id + "/replay", adminToken(), null);
        assertThat(replay.status()).isEqualTo(200);

        eventually(() -> assertThat(rows(slug, "SELECT status FROM {schema}.deliveries")).extracting(r -> r.get("status"))
                .containsExactly("PROCESSED"));
        assertThat(rows(slug, "SELECT email FROM {schema}.contacts")).hasSize(1);
    }

    @Test
    void aPermanentFailureIsDeadAtOnce() {
        String slug = onboard(uniqueSlug("permfail"));
        connect(slug, "acuity", Map.of("userId", "19283746"), Map.of("apiKey", "acuity-key"));
        PROVIDERS.stubFor(get(urlEqualTo("/api/v1/appointments/1387452209")).willReturn(aResponse().withStatus(401)));
        byte[] body = fixture("acuity/webhook_scheduled.txt");

        assertThat(webhook(slug, "acuity", body, AcuitySigner.headers(body, "acuity-key")).status()).isEqualTo(200);

        eventually(() -> assertThat(rows(slug, "SELECT status, attempts FROM {schema}.deliveries")).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("DEAD");
                    assertThat(row.get("attempts")).isEqualTo(1);
                }));
        assertThat(rows(slug, "SELECT kind FROM {schema}.incidents")).extracting(r -> r.get("kind"))
                .containsExactly("delivery.dead");
    }
}
