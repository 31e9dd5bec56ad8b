package io.switchboard.platform.connectors;

import static io.switchboard.platform.connectors.ProviderFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.StripeSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stripe payments end to end: the shared fixtures are signed with stripe-java's helper, posted to
 * {@code /webhooks/{tenant}/stripe}, processed by the running platform, and the tenant's rows are checked.
 */
class StripeWebhooksIT extends PlatformIT {

    private static final String SECRET = "whsec_payments_test";
    private static final String PAYMENT_LINK = "plink_1TysIMRk2TqLm7Zd4GUXq7j2";
    private static final String SESSION = "cs_test_a1QldTgMalr0lMlleIqsXhCYfI3NkoALE6on6WMsrGUvS2Ttok5CWuKFYP";
    private static final String INTENT = "pi_3TvBtxRk2TqLm7Zdd8I3Ouh8";
    private static final String CHECKOUT = "stripe/checkout_session_completed_payment_link.json";
    private static final String INTENT_SUCCEEDED = "stripe/payment_intent_succeeded.json";
    private static final String REFUND_PARTIAL = "stripe/charge_refunded_partial.json";
    private static final String REFUND_FULL = "stripe/charge_refunded_full.json";

    @Test
    void aPaymentLinkCheckoutMakesTheAttendeePaid() {
        String slug = tenant("pay", true);

        post(slug, fixture(CHECKOUT));
        awaitSettled(slug, 1);

        assertThat(rows(slug, "SELECT status FROM {schema}.deliveries")).extracting(r -> r.get("status"))
                .containsExactly("PROCESSED");
        Map<String, Object> attendee = attendee(slug);
        assertThat(attendee).containsEntry("payment_status", "PAID").containsEntry("amount_paid", 4500L)
                .containsEntry("amount_refunded", 0L).containsEntry("currency", "eur")
                .containsEntry("checkout_session_id", SESSION).containsEntry("payment_intent_id", INTENT)
                .containsEntry("email", "elodie.martin@example.fr").containsEntry("first_name", "Élodie")
                .containsEntry("last_name", "Martin").containsEntry("contact_status", "CUSTOMER");
        assertThat(rows(slug, "SELECT payment_key, status, amount, currency FROM {schema}.payments"))
                .containsExactly(Map.of("payment_key", INTENT, "status", "PAID", "amount", 4500L, "currency", "eur"));
        assertThat(rows(slug, "SELECT kind FROM {schema}.incidents")).isEmpty();
    }

    @Test
    void aPaymentIntentConfirmationAfterTheCheckoutIsNotCountedAgain() {
        String slug = tenant("confirm", true);
        post(slug, fixture(CHECKOUT));
        awaitSettled(slug, 1);

        // The fixture's intent names no receipt email or customer: stored and ignored.
        post(slug, fixture(INTENT_SUCCEEDED));
        // The same intent with a receipt email is interpreted as a payment, and must match the recorded one.
        post(slug, withReceiptEmail("evt_3Tz9YNRk2TqLm7ZdConfirm1"));
        awaitSettled(slug, 3);

        assertThat(rows(slug, "SELECT event_type, status FROM {schema}.deliveries ORDER BY id"))
                .extracting(r -> r.get("event_type") + " " + r.get("status"))
                .containsExactly("checkout.session.completed PROCESSED", "payment_intent.succeeded IGNORED",
                        "payment_intent.succeeded PROCESSED");
        assertThat(rows(slug, "SELECT payment_key, checkout_session_id, amount, status FROM {schema}.payments"))
                .containsExactly(Map.of("payment_key", INTENT, "checkout_session_id", SESSION, "amount", 4500L,
                        "status", "PAID"));
        assertThat(attendee(slug)).containsEntry("payment_status", "PAID").containsEntry("amount_paid", 4500L);
        assertThat(rows(slug, "SELECT id FROM {schema}.attendee_events")).hasSize(1);
    }

    @Test
    void aConfirmationBeforeItsCheckoutIsJoinedToItNotDoubled() {
        String slug = tenant("confirm-first", true);

        post(slug, withReceiptEmail("evt_3Tz9YNRk2TqLm7ZdFirst001"));
        awaitSettled(slug, 1);
        post(slug, fixture(CHECKOUT));
        awaitSettled(slug, 2);

        assertThat(rows(slug, "SELECT payment_key, checkout_session_id, payment_intent_id, amount FROM {schema}.payments"))
                .containsExactly(Map.of("payment_key", INTENT, "checkout_session_id", SESSION, "payment_intent_id",
                        INTENT, "amount", 4500L));
        assertThat(attendee(slug)).containsEntry("payment_status", "PAID").containsEntry("checkout_session_id", SESSION);
        assertThat(rows(slug, "SELECT id FROM {schema}.contacts")).hasSize(1);
    }

    @Test
    void aPartialRefundThenAFullOneEndRefundedWithTheirAmounts() {
        String slug = tenant("refund", true);
        post(slug, fixture(CHECKOUT));
        awaitSettled(slug, 1);

        post(slug, fixture(REFUND_PARTIAL));
        awaitSettled(slug, 2);
        assertThat(attendee(slug)).containsEntry("payment_status", "PARTIALLY_REFUNDED")
                .containsEntry("amount_paid", 4500L).containsEntry("amount_refunded", 1500L);

        post(slug, fixture(REFUND_FULL));
        awaitSettled(slug, 3);
        assertThat(attendee(slug)).containsEntry("payment_status", "REFUNDED")
                .containsEntry("amount_paid", 4500L).containsEntry("amount_refunded", 4500L);
        assertThat(rows(slug, "SELECT status, amount, amount_refunded FROM {schema}.payments"))
                .containsExactly(Map.of("status", "REFUNDED", "amount", 4500L, "amount_refunded", 4500L));
    }

    @Test
    void aRefundThatArrivesBeforeItsCheckoutStillEndsRefunded() {
        String slug = tenant("refund-first", true);
        putEmailTemplate(slug, "payment.confirmed");

        post(slug, fixture(REFUND_FULL));
        awaitSettled(slug, 1);
        // An older partial refund arriving last must not lower the total.
        post(slug, fixture(CHECKOUT));
        post(slug, fixture(REFUND_PARTIAL));
        awaitSettled(slug, 3);

        assertThat(rows(slug, "SELECT status FROM {schema}.deliveries")).extracting(r -> r.get("status"))
                .containsOnly("PROCESSED");
        assertThat(attendee(slug)).containsEntry("payment_status", "REFUNDED").containsEntry("amount_paid", 4500L)
                .containsEntry("amount_refunded", 4500L).containsEntry("checkout_session_id", SESSION);
        assertThat(rows(slug, "SELECT status, amount_refunded FROM {schema}.payments"))
                .containsExactly(Map.of("status", "REFUNDED", "amount_refunded", 4500L));
        assertThat(rows(slug, "SELECT template_key FROM {schema}.messages")).as("no confirmation of a refunded payment")
                .isEmpty();
    }

    @Test
    void theSameEventTwiceIsOneDeliveryWithOneEffect() {
        String slug = tenant("twice", true);
        putEmailTemplate(slug, "payment.confirmed");
        byte[] checkout = fixture(CHECKOUT);

        post(slug, checkout);
        post(slug, checkout);
        awaitSettled(slug, 1);
        post(slug, checkout); // redelivered after it was processed
        awaitSettled(slug, 1);

        assertThat(rows(slug, "SELECT dedupe_key FROM {schema}.deliveries")).extracting(r -> r.get("dedupe_key"))
                .containsExactly("evt_1ToUHNRk2TqLm7ZdydeYpnGj");
        assertThat(rows(slug, "SELECT id FROM {schema}.payments")).hasSize(1);
        assertThat(rows(slug, "SELECT id FROM {schema}.attendee_events")).hasSize(1);
        assertThat(rows(slug, "SELECT id FROM {schema}.contacts")).hasSize(1);
        assertThat(rows(slug, "SELECT template_key, recipient FROM {schema}.messages"))
                .containsExactly(Map.of("template_key", "payment.confirmed", "recipient", "elodie.martin@example.fr"));
    }

    @Test
    void aSecondPurchaseUnderTheSameEmailInOtherCaseIsTheSameContact() {
        String slug = tenant("samecontact", true);
        byte[] second = variant(fixture(CHECKOUT), "evt_1ToUHNRk2TqLm7ZdydeYpnGj", "evt_1ToUHNRk2TqLm7ZdSecond01",
                SESSION, "cs_test_a1SecondPurchaseRk2TqLm7Zd", INTENT, "pi_3SecondPurchaseRk2TqLm7Zd",
                "elodie.martin@example.fr", "Elodie.Martin@Example.FR");

        post(slug, fixture(CHECKOUT));
        post(slug, second);
        awaitSettled(slug, 2);

        assertThat(rows(slug, "SELECT email FROM {schema}.contacts")).extracting(r -> r.get("email"))
                .containsExactly("elodie.martin@example.fr");
        assertThat(rows(slug, "SELECT payment_key FROM {schema}.payments ORDER BY payment_key"))
                .extracting(r -> r.get("payment_key")).containsExactly("pi_3SecondPurchaseRk2TqLm7Zd", INTENT);
    }

    @Test
    void aCheckoutFindsItsContactByEmailThenPhoneThenStripeCustomer() {
        String slug = tenant("lookup", true);
        Object byPhone = rows(slug, "INSERT INTO {schema}.contacts (phone, status) VALUES ('+33612345678', 'LEAD') RETURNING id")
                .get(0).get("id");
        Object byCustomer = rows(slug, "INSERT INTO {schema}.contacts (first_name, status) VALUES ('Client', 'CUSTOMER')"
                + " RETURNING id").get(0).get("id");
        rows(slug, "INSERT INTO {schema}.contact_identities (provider, external_id, contact_id) VALUES ('stripe', 'cus_Lookup1', ?)"
                + " RETURNING contact_id", byCustomer);

        // An email nobody has yet, a known phone and a known customer: the phone's contact, who takes the email.
        post(slug, purchase("1", "\"email\": \"nouvelle@example.fr\"", "\"phone\": \"+33612345678\""));
        awaitSettled(slug, 1);
        // Neither email nor phone: the customer's contact.
        post(slug, purchase("2", "\"email\": null", "\"phone\": null"));
        awaitSettled(slug, 2);
        // The email the phone's contact now has, with the other contact's customer id: the email decides.
        post(slug, purchase("3", "\"email\": \"nouvelle@example.fr\"", "\"phone\": null"));
        awaitSettled(slug, 3);

        assertThat(rows(slug, "SELECT payment_key, contact_id FROM {schema}.payments ORDER BY payment_key")).containsExactly(
                Map.of("payment_key", "pi_lookup_1", "contact_id", byPhone),
                Map.of("payment_key", "pi_lookup_2", "contact_id", byCustomer),
                Map.of("payment_key", "pi_lookup_3", "contact_id", byPhone));
        assertThat(rows(slug, "SELECT id, coalesce(email, '-') AS email, status FROM {schema}.contacts ORDER BY id"))
                .containsExactly(Map.of("id", byPhone, "email", "nouvelle@example.fr", "status", "CUSTOMER"),
                        Map.of("id", byCustomer, "email", "-", "status", "CUSTOMER"));
    }

    /** A purchase through the payment link by the Stripe customer cus_Lookup1, with the given email and phone. */
    private byte[] purchase(String n, String email, String phone) {
        return variant(fixture(CHECKOUT), "evt_1ToUHNRk2TqLm7ZdydeYpnGj", "evt_1ToUHNRk2TqLm7ZdLookup0" + n,
                SESSION, "cs_test_lookup_" + n, INTENT, "pi_lookup_" + n, "\"email\": \"elodie.martin@example.fr\"", email,
                "\"phone\": null", phone, "\"customer\": null", "\"customer\": \"cus_Lookup1\"");
    }

    @Test
    void aPaymentForAnUnknownLinkKeepsTheContactAndRaisesAnIncident() {
        String slug = tenant("nolink", false);

        post(slug, fixture(CHECKOUT));
        awaitSettled(slug, 1);

        assertThat(rows(slug, "SELECT email, status FROM {schema}.contacts"))
                .containsExactly(Map.of("email", "elodie.martin@example.fr", "status", "CUSTOMER"));
        List<Map<String, Object>> incidents = rows(slug,
                "SELECT kind, severity, details->>'eventKey' AS link FROM {schema}.incidents");
        assertThat(incidents).containsExactly(Map.of("kind", "payment.unknown_event", "severity", "WARNING",
                "link", PAYMENT_LINK));
        assertThat(rows(slug, "SELECT event_id, amount FROM {schema}.payments")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("event_id", null).containsEntry("amount", 4500L));
        assertThat(rows(slug, "SELECT id FROM {schema}.attendee_events")).isEmpty();
    }

    @Test
    void anUnhandledEventTypeIsStoredAndIgnored() {
        String slug = tenant("unhandled", true);
        byte[] body = ("{\n  \"id\": \"evt_1UnhandledRk2TqLm7Zd01\",\n  \"object\": \"event\",\n"
                + "  \"api_version\": \"2026-07-29.dahlia\",\n  \"created\": " + Instant.now().getEpochSecond() + ",\n"
                + "  \"data\": {\n    \"object\": {\n      \"id\": \"cus_UnhandledX1\",\n      \"object\": \"customer\",\n"
                + "      \"email\": \"someone@example.fr\"\n    }\n  },\n  \"livemode\": false,\n"
                + "  \"pending_webhooks\": 1,\n  \"type\": \"customer.created\"\n}").getBytes(StandardCharsets.UTF_8);

        post(slug, body);
        awaitSettled(slug, 1);

        assertThat(rows(slug, "SELECT event_type, status, last_error FROM {schema}.deliveries")).singleElement()
                .satisfies(d -> {
                    assertThat(d).containsEntry("event_type", "customer.created").containsEntry("status", "IGNORED");
                    assertThat((String) d.get("last_error")).contains("not handled");
                });
        assertThat(rows(slug, "SELECT id FROM {schema}.contacts")).isEmpty();
    }

    /** A tenant with a Stripe connection and, when asked, the event sold through the fixtures' payment link. */
    private String tenant(String prefix, boolean withEvent) {
        String slug = onboard(uniqueSlug(prefix));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", SECRET));
        if (withEvent) {
            ProviderFixtures.insertEvent(db(), slug, "Atelier découverte céramique", PAYMENT_LINK, null);
        }
        return slug;
    }

    private void post(String slug, byte[] body) {
        Response response = webhook(slug, "stripe", body, StripeSigner.headers(body, SECRET));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** Waits until the tenant holds {@code count} deliveries and none of them is still waiting. */
    private void awaitSettled(String slug, int count) {
        eventually(() -> assertThat(rows(slug, "SELECT status FROM {schema}.deliveries"))
                .hasSize(count).extracting(r -> r.get("status")).doesNotContain("RECEIVED", "RETRYING"));
    }

    private Map<String, Object> attendee(String slug) {
        return rows(slug, """
                SELECT a.payment_status, a.amount_paid, a.amount_refunded, a.currency, a.checkout_session_id,
                       a.payment_intent_id, c.email, c.first_name, c.last_name, c.status AS contact_status
                FROM {schema}.attendee_events a JOIN {schema}.contacts c ON c.id = a.contact_id""").get(0);
    }

    private byte[] withReceiptEmail(String eventId) {
        return variant(fixture(INTENT_SUCCEEDED), "evt_3Tz9YNRk2TqLm7Zd9e2NtFGR", eventId,
                "\"receipt_email\": null", "\"receipt_email\": \"elodie.martin@example.fr\"");
    }

    private void putEmailTemplate(String slug, String key) {
        Response response = api("PUT", "/api/v1/tenants/" + slug + "/templates/" + key, adminToken(),
                Map.of("locale", "fr", "email", Map.of("subject", "Merci {{contact.firstName}}",
                        "html", "<p>Merci</p>", "text", "Merci")));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
