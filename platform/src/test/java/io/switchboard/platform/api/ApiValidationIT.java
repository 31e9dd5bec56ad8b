package io.switchboard.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear problem+json answer and changes nothing; a token without api:write cannot write;
 * provider links belong to one event.
 */
class ApiValidationIT extends PlatformIT {

    @Test
    void invalidEventFieldsAre400ProblemsListingEveryField() {
        String slug = onboard(uniqueSlug("invalid"));
        String events = "/api/v1/tenants/" + slug + "/events";

        Response missingName = api("POST", events, adminToken(), Map.of("startsAt", "2026-09-26T08:00:00Z"));
        assertProblem(missingName, 400, "validation");
        assertThat(missingName.json().path("errors").path("name").asString()).isEqualTo("is required");

        Response many = api("POST", events, adminToken(), Map.of(
                "name", "Stage d'été",
                "startsAt", "next tuesday",
                "stripePaymentLinkId", "plink with spaces",
                "colour", "blue",
                "notificationTemplates", Map.of(
                        "payment.confirmed", Map.of("sms", "Bonjour {{#contact}}{{firstName}}"),
                        "Not A Key", Map.of("sms", "x"),
                        "booking.confirmed", Map.of("email", Map.of("subject", "Votre réservation")))));
        assertProblem(many, 400, "validation");
        assertThat(many.json().path("errors").propertyNames()).containsExactlyInAnyOrder("startsAt", "stripePaymentLinkId",
                "colour", "notificationTemplates.payment.confirmed.sms", "notificationTemplates.Not A Key",
                "notificationTemplates.booking.confirmed.email", "notificationTemplates.booking.confirmed.template");
        assertThat(many.json().path("errors").path("notificationTemplates.payment.confirmed.sms").asString()).contains("line 1");

        Response wrongTypes = api("POST", events, adminToken(), "{\"name\": 42, \"startsAt\": 1758873600}");
        assertProblem(wrongTypes, 400, "validation");
        assertThat(wrongTypes.json().path("errors").propertyNames()).containsExactlyInAnyOrder("name", "startsAt");

        Response malformed = api("POST", events, adminToken(), "{\"name\": \"Atelier\",");
        assertProblem(malformed, 400, "malformed-body");
        assertThat(malformed.body()).doesNotContain("Exception", "at tools.", "at org.");

        assertThat(rows(slug, "SELECT id FROM {schema}.events")).as("nothing was created").isEmpty();
        assertThat(rows(slug, "SELECT id FROM {schema}.audit_log WHERE action LIKE 'event.%'")).isEmpty();
    }

    @Test
    void badPathsAndQueriesAre400Or404Problems() {
        String slug = onboard(uniqueSlug("badquery"));
        String base = "/api/v1/tenants/" + slug;

        assertProblem(api("GET", base + "/events/not-a-number", adminToken(), null), 400, "validation");
        assertProblem(api("GET", base + "/events/999999", adminToken(), null), 404, "not-found");
        assertProblem(api("GET", base + "/events/999999/attendees", adminToken(), null), 404, "not-found");
        assertProblem(api("PATCH", base + "/events/999999", adminToken(), Map.of("name", "x")), 404, "not-found");
        assertProblem(api("GET", base + "/contacts/999999", adminToken(), null), 404, "not-found");
        for (String list : List.of("/events", "/contacts", "/subscriptions", "/messages", "/incidents", "/audit-log")) {
            Response zero = api("GET", base + list + "?limit=0", adminToken(), null);
            assertProblem(zero, 400, "validation");
            assertThat(zero.json().path("errors").has("limit")).as(list).isTrue();
            assertProblem(api("GET", base + list + "?limit=201", adminToken(), null), 400, "validation");
            Response cursor = api("GET", base + list + "?cursor=bm90LWEtY3Vyc29y", adminToken(), null);
            assertProblem(cursor, 400, "validation");
            assertThat(cursor.json().path("errors").has("cursor")).as(list).isTrue();
            assertThat(api("GET", base + list + "?limit=200", adminToken(), null).status()).as(list).isEqualTo(200);
        }
        Response filters = api("GET", base + "/contacts?status=opted_out&email=nobody&phone=call-me", adminToken(), null);
        assertProblem(filters, 400, "validation");
        assertThat(filters.json().path("errors").propertyNames()).containsExactlyInAnyOrder("status", "email", "phone");
        assertThat(api("GET", base + "/messages?status=DELIVERED", adminToken(), null).json().path("errors").has("status")).isTrue();
        assertThat(api("GET", base + "/messages?channel=FAX", adminToken(), null).json().path("errors").has("channel")).isTrue();
        assertThat(api("GET", base + "/incidents?status=CLOSED", adminToken(), null).json().path("errors").has("status")).isTrue();
        assertThat(api("GET", base + "/subscriptions?status=Active!", adminToken(), null).json().path("errors").has("status")).isTrue();
        assertThat(api("GET", base + "/audit-log?action=DROP%20TABLE", adminToken(), null).json().path("errors").has("action")).isTrue();
    }

    @Test
    void aPaymentLinkOrAppointmentTypeBelongsToOneEventOnly() {
        String slug = onboard(uniqueSlug("conflict"));
        String events = "/api/v1/tenants/" + slug + "/events";
        Response first = api("POST", events, adminToken(), Map.of("name", "Stage", "stripePaymentLinkId", "plink_Taken1",
                "acuityAppointmentTypeId", 58203147));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("acuityAppointmentTypeId").asString()).isEqualTo("58203147");
        String second = api("POST", events, adminToken(), Map.of("name", "Autre")).json().path("id").asString();

        Response duplicate = api("POST", events, adminToken(), Map.of("name", "Copie", "stripePaymentLinkId", "plink_Taken1"));
        assertProblem(duplicate, 409, "conflict");
        assertThat(duplicate.json().path("errors").path("stripePaymentLinkId").asString())
                .isEqualTo("is already used by event " + first.json().path("id").asString());
        Response taking = api("PATCH", events + "/" + second, adminToken(), Map.of("acuityAppointmentTypeId", "58203147"));
        assertProblem(taking, 409, "conflict");
        assertThat(taking.json().path("errors").has("acuityAppointmentTypeId")).isTrue();
        Response keeping = api("PATCH", events + "/" + first.json().path("id").asString(), adminToken(),
                Map.of("stripePaymentLinkId", "plink_Taken1", "name", "Stage (complet)"));
        assertThat(keeping.status()).as("an event may keep its own link").isEqualTo(200);
        assertProblem(api("PATCH", events + "/" + second, adminToken(), "{\"name\": null}"), 400, "validation");

        assertThat(rows(slug, "SELECT name FROM {schema}.events ORDER BY id")).extracting(r -> r.get("name"))
                .containsExactly("Stage (complet)", "Autre");
    }

    @Test
    void aReadOnlyTokenCanReadButNotWrite() {
        String slug = onboard(uniqueSlug("readonly"));
        Response client = api("POST", "/api/v1/tenants/" + slug + "/api-clients", adminToken(),
                Map.of("name", "dashboard", "scopes", List.of("api:read")));
        String reader = token(client.json().path("clientId").asString(), client.json().path("clientSecret").asString(), "api:read");
        String base = "/api/v1/tenants/" + slug;

        assertThat(api("GET", base + "/events", reader, null).status()).isEqualTo(200);
        assertThat(api("GET", base + "/contacts", reader, null).status()).isEqualTo(200);
        assertThat(api("POST", base + "/events", reader, Map.of("name", "Stage")).status()).isEqualTo(403);
        assertThat(api("PATCH", base + "/events/1", reader, Map.of("name", "Stage")).status()).isEqualTo(403);
        assertThat(api("DELETE", base + "/contacts/1", reader, null).status()).isEqualTo(403);
        assertThat(api("POST", base + "/incidents/1/resolve", reader, null).status()).isEqualTo(403);
        assertThat(rows(slug, "SELECT id FROM {schema}.events")).isEmpty();
    }

    @Test
    void oversizedBodiesAre413AndOtherMediaTypes415AndNothingIsCreated() {
        String slug = onboard(uniqueSlug("limits"));
        String events = url("/api/v1/tenants/" + slug + "/events");
        byte[] big = ("{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertProblem(send(HttpRequest.newBuilder(URI.create(events)).header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big))),
                413, "body-too-large");
        // The same body without a declared length (chunked) is cut off at the limit.
        assertProblem(send(HttpRequest.newBuilder(URI.create(events)).header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))),
                413, "body-too-large");
        assertProblem(send(HttpRequest.newBuilder(URI.create(events)).header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString("<event name=\"Stage\"/>"))),
                415, "unsupported-media-type");
        assertThat(rows(slug, "SELECT id FROM {schema}.events")).isEmpty();
        // Bodies under the limit, chunked or not, go through.
        assertThat(send(HttpRequest.newBuilder(URI.create(events)).header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        "{\"name\":\"Stage\"}".getBytes(StandardCharsets.UTF_8))))).status()).isEqualTo(201);
    }

    private static void assertProblem(Response response, int status, String kind) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).endsWith("/problems/" + kind);
    }
}
