package io.switchboard.platform.connectors;

import static io.switchboard.platform.connectors.ProviderFixtures.createdAt;
import static io.switchboard.platform.connectors.ProviderFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.StripeSigner;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Stripe lead/subscription flow end to end: checkout in subscription mode, the subscription lifecycle
 * with plan changes and churn, dunning after the tenant's number of failed invoices, and ordering by
 * Stripe's event time.
 */
class StripeSubscriptionsIT extends PlatformIT {

    private static final String SECRET = "whsec_subscriptions_test";
    private static final String SUB_A = "sub_1TJCmARk2TqLm7ZdxVG5Cmjz";
    private static final String SUB_B = "sub_1TSK5DRk2TqLm7ZdNJhbgNlK";
    private static final String ESSENTIEL_A = "price_1TBDruRk2TqLm7ZdQihjLH4b";
    private static final String ESSENTIEL_B = "price_1TbQnnRk2TqLm7ZdFkUS2g8q";
    private static final String PRO = "price_1T1t68Rk2TqLm7Zd1QV4VuzP";
    private static final String CHECKOUT = "stripe/checkout_session_completed_subscription.json";
    private static final String CREATED = "stripe/customer_subscription_created.json";
    private static final String UPDATED = "stripe/customer_subscription_updated_plan_and_status.json";
    private static final String DELETED = "stripe/customer_subscription_deleted.json";
    private static final String INVOICE_PAID = "stripe/invoice_payment_succeeded.json";
    private static final String INVOICE_FAILED_1 = "stripe/invoice_payment_failed_attempt1.json";
    private static final String INVOICE_FAILED_3 = "stripe/invoice_payment_failed_attempt3_final.json";

    @Test
    void aSubscriptionCheckoutMakesTheLeadACustomerAndItsDeletionChurnsThem() {
        String slug = tenant("sub-life", Map.of());
        // The person came in as a lead first (a Facebook lead form, say).
        Object leadId = rows(slug, "INSERT INTO {schema}.contacts (email, first_name, status) VALUES (?, 'Julien', 'LEAD')"
                + " RETURNING id", "julien.moreau@example.com").get(0).get("id");

        post(slug, fixture(CHECKOUT));
        awaitSettled(slug, 1);
        assertThat(rows(slug, "SELECT id FROM {schema}.contacts")).as("the lead is converted, not duplicated")
                .containsExactly(Map.of("id", leadId));
        assertThat(contact(slug)).containsEntry("email", "julien.moreau@example.com").containsEntry("status", "CUSTOMER")
                .containsEntry("first_name", "Julien");
        assertThat(subscription(slug, SUB_A)).containsEntry("status", "active");
        assertThat(rows(slug, "SELECT subscription_id, amount, status FROM {schema}.payments"))
                .containsExactly(Map.of("subscription_id", SUB_A, "amount", 2900L, "status", "PAID"));
        assertThat(rows(slug, "SELECT external_id FROM {schema}.contact_identities")).extracting(r -> r.get("external_id"))
                .containsExactly("cus_81BSHNcsXFMSQN");

        post(slug, fixture(DELETED));
        awaitSettled(slug, 2);
        assertThat(contact(slug)).containsEntry("status", "CHURNED");
        assertThat(subscription(slug, SUB_A)).containsEntry("status", "canceled")
                .containsEntry("canceled_at", Timestamp.from(Instant.ofEpochSecond(1792929291)))
                .containsEntry("plan_id", ESSENTIEL_A).containsEntry("amount", 2900L);
        assertThat(rows(slug, "SELECT kind, details->>'subscriptionId' AS sub FROM {schema}.incidents"))
                .containsExactly(Map.of("kind", "subscription.churned", "sub", SUB_A));
        assertThat(activityKinds(slug)).contains("subscription.churned");
    }

    @Test
    void aPlanChangeRecordsThePreviousPlanAndATimelineEntry() {
        String slug = tenant("sub-plan", Map.of());

        post(slug, fixture(CREATED));
        awaitSettled(slug, 1);
        assertThat(subscription(slug, SUB_B)).containsEntry("status", "trialing").containsEntry("plan_id", ESSENTIEL_B)
                .containsEntry("plan_name", "Essentiel").containsEntry("amount", 2900L).containsEntry("currency", "eur")
                .containsEntry("billing_interval", "month")
                .containsEntry("current_period_end", Timestamp.from(Instant.ofEpochSecond(1790679869)));
        assertThat(rows(slug, "SELECT status FROM {schema}.contacts")).extracting(r -> r.get("status"))
                .containsExactly("CUSTOMER");

        post(slug, fixture(UPDATED));
        awaitSettled(slug, 2);
        assertThat(subscription(slug, SUB_B)).containsEntry("status", "active").containsEntry("plan_id", PRO)
                .containsEntry("plan_name", "Pro").containsEntry("amount", 5900L).containsEntry("previous_plan_id", ESSENTIEL_B)
                .containsEntry("current_period_end", Timestamp.from(Instant.ofEpochSecond(1792585690)));
        assertThat(rows(slug, "SELECT data->>'from' AS old, data->>'to' AS new FROM {schema}.contact_activities"
                + " WHERE kind = 'subscription.plan_changed'")).containsExactly(Map.of("old", ESSENTIEL_B, "new", PRO));
    }

    @Test
    void anOlderUpdateArrivingLateIsRecordedButNotApplied() {
        String slug = tenant("sub-order", Map.of());
        byte[] older = createdAt(variant(fixture(UPDATED), "evt_1TCB6eRk2TqLm7ZdKbv8pLHR", "evt_1TCB6eRk2TqLm7ZdOlder01",
                "\"status\": \"active\"", "\"status\": \"past_due\""), 1789900000L);

        post(slug, fixture(UPDATED));
        awaitSettled(slug, 1);
        post(slug, older);
        awaitSettled(slug, 2);

        assertThat(rows(slug, "SELECT status FROM {schema}.deliveries")).extracting(r -> r.get("status"))
                .containsOnly("PROCESSED");
        assertThat(subscription(slug, SUB_B)).containsEntry("status", "active").containsEntry("plan_id", PRO)
                .containsEntry("last_event_at", Timestamp.from(Instant.ofEpochSecond(1789993691)));
        assertThat(rows(slug, "SELECT data->>'status' AS status FROM {schema}.contact_activities"
                + " WHERE kind = 'subscription.stale_update'")).containsExactly(Map.of("status", "past_due"));
    }

    @Test
    void planDetailsOfTheCreationEventAreKeptWhenTheNewerCheckoutArrivedFirst() {
        String slug = tenant("sub-details", Map.of());
        // Stripe creates the subscription a few seconds before the checkout completes; deliveries race.
        byte[] createdForCheckout = createdAt(variant(fixture(CREATED), "evt_1Tkb5tRk2TqLm7Zd8BPVWzTQ",
                "evt_1Tkb5tRk2TqLm7ZdCreateA1", SUB_B, SUB_A, "cus_T5ifyviId52QOo", "cus_81BSHNcsXFMSQN",
                "\"status\": \"trialing\"", "\"status\": \"incomplete\""), 1789642078L);

        post(slug, fixture(CHECKOUT));
        awaitSettled(slug, 1);
        post(slug, createdForCheckout);
        awaitSettled(slug, 2);

        assertThat(subscription(slug, SUB_A)).containsEntry("status", "active").containsEntry("plan_id", ESSENTIEL_B)
                .containsEntry("plan_name", "Essentiel").containsEntry("amount", 2900L)
                .containsEntry("last_event_at", Timestamp.from(Instant.ofEpochSecond(1789642081)));
        assertThat(contact(slug)).containsEntry("status", "CUSTOMER");
        assertThat(activityKinds(slug)).contains("subscription.stale_update");
    }

    @Test
    void failedInvoicesSuspendTheServiceAfterTheTenantsLimitAndALaterPaymentLiftsIt() {
        String slug = tenant("dunning", Map.of("dunningMaxFailures", 2));
        putEmailTemplate(slug, "invoice.payment_failed");
        post(slug, fixture(CHECKOUT));
        post(slug, fixture(INVOICE_PAID));
        awaitSettled(slug, 2);

        post(slug, fixture(INVOICE_FAILED_1));
        awaitSettled(slug, 3);
        assertThat(subscription(slug, SUB_A)).containsEntry("failed_payment_count", 1).containsEntry("service_suspended", false);
        assertThat(rows(slug, "SELECT template_key, recipient FROM {schema}.messages"))
                .containsExactly(Map.of("template_key", "invoice.payment_failed", "recipient", "julien.moreau@example.com"));
        // Templates can link to Stripe's hosted invoice page, where the customer pays ({{invoice.url}}).
        assertThat(rows(slug, "SELECT variables->'invoice'->>'url' AS url FROM {schema}.messages").get(0).get("url"))
                .isEqualTo("https://invoice.stripe.com/i/acct_1Nf3QaRk2TqLm7Zd/test_qLm7ZdyFgt5LNJMzdGFjY3RfMXtlc3Q?s=ap");

        // The same attempt delivered again under another event id counts once.
        post(slug, variant(fixture(INVOICE_FAILED_1), "evt_1TnyZDRk2TqLm7Zda4FSv01c", "evt_1TnyZDRk2TqLm7ZdAgain01"));
        awaitSettled(slug, 4);
        assertThat(subscription(slug, SUB_A)).containsEntry("failed_payment_count", 1).containsEntry("service_suspended", false);

        post(slug, fixture(INVOICE_FAILED_3));
        awaitSettled(slug, 5);
        assertThat(subscription(slug, SUB_A)).containsEntry("failed_payment_count", 2).containsEntry("service_suspended", true);
        assertThat(rows(slug, "SELECT kind, severity FROM {schema}.incidents WHERE kind LIKE 'subscription.%'"))
                .containsExactly(Map.of("kind", "subscription.suspended", "severity", "WARNING"));
        assertThat(rows(slug, "SELECT id FROM {schema}.messages WHERE template_key = 'invoice.payment_failed'")).hasSize(2);

        byte[] paidLater = createdAt(variant(fixture(INVOICE_PAID), "evt_1TevTNRk2TqLm7Zd1WQPIHhI",
                "evt_1TevTNRk2TqLm7ZdPaidLate1", "in_1TFkZJRk2TqLm7Zd0EwRCzys", "in_1TIqupRk2TqLm7ZdyFgt5LNJ"),
                1792940000L);
        post(slug, paidLater);
        awaitSettled(slug, 6);
        assertThat(subscription(slug, SUB_A)).containsEntry("failed_payment_count", 0).containsEntry("service_suspended", false);
        assertThat(rows(slug, "SELECT kind FROM {schema}.incidents WHERE kind LIKE 'subscription.%' ORDER BY id"))
                .extracting(r -> r.get("kind")).containsExactly("subscription.suspended", "subscription.service_restored");
    }

    private String tenant(String prefix, Map<String, Object> settings) {
        String slug = onboard(uniqueSlug(prefix));
        connect(slug, "stripe", settings, Map.of("webhookSecret", SECRET));
        return slug;
    }

    private void post(String slug, byte[] body) {
        Response response = webhook(slug, "stripe", body, StripeSigner.headers(body, SECRET));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private void awaitSettled(String slug, int count) {
        eventually(() -> assertThat(rows(slug, "SELECT status FROM {schema}.deliveries"))
                .hasSize(count).extracting(r -> r.get("status")).doesNotContain("RECEIVED", "RETRYING"));
    }

    private Map<String, Object> contact(String slug) {
        return rows(slug, "SELECT email, first_name, status FROM {schema}.contacts").get(0);
    }

    private Map<String, Object> subscription(String slug, String id) {
        return rows(slug, """
                SELECT s.status, s.plan_id, s.plan_name, s.previous_plan_id, s.amount, s.currency, s.billing_interval,
                       s.current_period_end, s.canceled_at, s.service_suspended, s.failed_payment_count, s.last_event_at,
                       c.email
                FROM {schema}.subscriptions s LEFT JOIN {schema}.contacts c ON c.id = s.contact_id
                WHERE s.provider_subscription_id = ?""", id).get(0);
    }

    private java.util.List<Object> activityKinds(String slug) {
        return rows(slug, "SELECT kind FROM {schema}.contact_activities ORDER BY id").stream().map(r -> r.get("kind")).toList();
    }

    private void putEmailTemplate(String slug, String key) {
        Response response = api("PUT", "/api/v1/tenants/" + slug + "/templates/" + key, adminToken(),
                Map.of("locale", "fr", "email", Map.of("subject", "Paiement refusé", "html", "<p>Votre paiement a échoué</p>",
                        "text", "Votre paiement a échoué")));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
