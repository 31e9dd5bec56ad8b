package io.switchboard.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.StripeSigner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What an integrator does on day one, over HTTP only: gets an API client from the tenant admin, a token for it,
 * creates an event sold through a Stripe payment link, and reads the attendee the payment made; then changes the
 * event and finds every write in the audit log under the client's name.
 */
class IntegratorJourneyIT extends PlatformIT {

    static final String SECRET = "whsec_integrator_journey";
    static final String PAYMENT_LINK = "plink_1TysIMRk2TqLm7Zd4GUXq7j2";

    @Test
    void anIntegratorCreatesAnEventAndReadsThePaidAttendee() {
        String slug = onboard(uniqueSlug("journey"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", SECRET));
        Response client = api("POST", "/api/v1/tenants/" + slug + "/api-clients", adminToken(),
                Map.of("name", "CRM sync", "scopes", List.of("api:read", "api:write")));
        assertThat(client.status()).as(client.body()).isEqualTo(201);
        String clientId = client.json().path("clientId").asString();
        String token = token(clientId, client.json().path("clientSecret").asString(), "api:read api:write");

        Response created = api("POST", "/api/v1/tenants/" + slug + "/events", token, Map.of(
                "name", "Atelier découverte céramique",
                "startsAt", "2026-09-26T10:00:00+02:00",
                "stripePaymentLinkId", PAYMENT_LINK,
                "notificationTemplates", Map.of("payment.confirmed", Map.of("locale", "fr",
                        "sms", "Merci {{contact.firstName}} pour {{event.name}} !"))));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode event = created.json();
        String eventId = event.path("id").asString();
        assertThat(eventId).matches("\\d+");
        assertThat(event.path("name").asString()).isEqualTo("Atelier découverte céramique");
        assertThat(event.path("startsAt").asString()).isEqualTo("2026-09-26T08:00:00Z");
        assertThat(event.path("stripePaymentLinkId").asString()).isEqualTo(PAYMENT_LINK);
        assertThat(event.path("notificationTemplates").path("payment.confirmed").path("sms").asString())
                .isEqualTo("Merci {{contact.firstName}} pour {{event.name}} !");
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/events/" + eventId, token, null).json()).isEqualTo(event);

        byte[] checkout = fixture("stripe/checkout_session_completed_payment_link.json");
        Response delivered = webhook(slug, "stripe", checkout, StripeSigner.headers(checkout, SECRET));
        assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);

        String attendeesPath = "/api/v1/tenants/" + slug + "/events/" + eventId + "/attendees";
        eventually(() -> assertThat(api("GET", attendeesPath, token, null).json().path("items")).hasSize(1));
        Response attendees = api("GET", attendeesPath, token, null);
        assertThat(attendees.status()).isEqualTo(200);
        JsonNode attendee = attendees.json().path("items").get(0);
        assertThat(attendee.path("paymentStatus").asString()).isEqualTo("PAID");
        assertThat(attendee.path("amountPaid").asLong()).isEqualTo(4500);
        assertThat(attendee.path("amountRefunded").asLong()).isZero();
        assertThat(attendee.path("currency").asString()).isEqualTo("eur");
        assertThat(attendee.path("bookingStatus").asString()).isEqualTo("NONE");
        assertThat(attendee.path("checkoutSessionId").asString()).startsWith("cs_test_");
        assertThat(attendee.path("paymentIntentId").asString()).isEqualTo("pi_3TvBtxRk2TqLm7Zdd8I3Ouh8");
        assertThat(attendee.path("intakeData").isObject()).isTrue();
        assertThat(attendee.path("contact").path("email").asString()).isEqualTo("elodie.martin@example.fr");
        assertThat(attendee.path("contact").path("firstName").asString()).isEqualTo("Élodie");
        assertThat(attendee.path("contact").path("status").asString()).isEqualTo("CUSTOMER");
        assertThat(attendees.json().has("nextCursor")).isFalse();

        Response changed = api("PATCH", "/api/v1/tenants/" + slug + "/events/" + eventId, token,
                Map.of("startsAt", "2026-10-03T08:00:00Z", "acuityAppointmentTypeId", "58203147"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("startsAt").asString()).isEqualTo("2026-10-03T08:00:00Z");
        assertThat(changed.json().path("acuityAppointmentTypeId").asString()).isEqualTo("58203147");
        assertThat(changed.json().path("name").asString()).as("fields not sent are kept").isEqualTo("Atelier découverte céramique");
        assertThat(changed.json().path("stripePaymentLinkId").asString()).isEqualTo(PAYMENT_LINK);
        Response cleared = api("PATCH", "/api/v1/tenants/" + slug + "/events/" + eventId, token, "{\"acuityAppointmentTypeId\": null}");
        assertThat(cleared.json().has("acuityAppointmentTypeId")).isFalse();

        Response audit = api("GET", "/api/v1/tenants/" + slug + "/audit-log", token, null);
        assertThat(audit.status()).isEqualTo(200);
        List<String> entries = audit.json().path("items").valueStream()
                .map(e -> e.path("actor").asString() + " " + e.path("action").asString() + " " + e.path("resource").asString())
                .toList();
        assertThat(entries).containsSubsequence(
                clientId + " event.update events/" + eventId,
                clientId + " event.update events/" + eventId,
                clientId + " event.create events/" + eventId);
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/audit-log?action=event.create", token, null).json().path("items"))
                .hasSize(1);
    }

    @Test
    void eventsAreListedInCreationOrderPageByPage() {
        String slug = onboard(uniqueSlug("evlist"));
        for (int i = 1; i <= 5; i++) {
            assertThat(api("POST", "/api/v1/tenants/" + slug + "/events", adminToken(), Map.of("name", "Event " + i)).status())
                    .isEqualTo(201);
        }
        Response first = api("GET", "/api/v1/tenants/" + slug + "/events?limit=3", adminToken(), null);
        Response second = api("GET", "/api/v1/tenants/" + slug + "/events?limit=3&cursor="
                + first.json().path("nextCursor").asString(), adminToken(), null);

        assertThat(first.json().path("items").valueStream().map(e -> e.path("name").asString()))
                .containsExactly("Event 1", "Event 2", "Event 3");
        assertThat(second.json().path("items").valueStream().map(e -> e.path("name").asString()))
                .containsExactly("Event 4", "Event 5");
        assertThat(second.json().has("nextCursor")).isFalse();
    }
}
