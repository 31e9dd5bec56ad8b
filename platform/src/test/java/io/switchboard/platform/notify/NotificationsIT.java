package io.switchboard.platform.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.switchboard.platform.support.MessagingIT;
import io.switchboard.platform.support.ProviderFakes;
import io.switchboard.platform.support.ProviderFakes.Email;
import io.switchboard.platform.support.ProviderFakes.Sms;
import io.switchboard.platform.support.StripeSigner;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import io.switchboard.platform.tenancy.TenantRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 6, outbound notifications through the running platform: a signed Stripe payment queues the event's
 * template, the dispatcher renders it and sends it through the fake Twilio and Resend with the tenant's own
 * credentials, honouring the suppression list, retries with one idempotency key, Retry-After, permanent refusals,
 * and escaping only where HTML is made.
 */
class NotificationsIT extends MessagingIT {

    private static final String CHECKOUT = "stripe/checkout_session_completed_payment_link.json";
    private static final String PAYMENT_LINK = "plink_1TysIMRk2TqLm7Zd4GUXq7j2";
    private static final String PHONE = "+33639980101";
    private static final String EMAIL = "elodie.martin@example.fr";
    private static final String AMOUNT = "45,00 €";

    @Autowired
    private TenantRegistry tenants;

    @Autowired
    private TenantDatabase database;

    @Autowired
    private Suppressions suppressions;

    @BeforeEach
    void providersAcceptMessages() {
        ProviderFakes.twilioAccepts(PROVIDERS, fixture("twilio/messages-api/create_message_response_201.json"));
        ProviderFakes.resendAccepts(PROVIDERS, fixture("resend/send_email_response_200.json"));
    }

    @Test
    void aPaidPaymentSendsTheEventsOverrideBySmsAndEmailWithItsVariablesFilled() {
        NotifyTenant tenant = notifyTenant("override");
        putTemplate(tenant.slug(), "payment.confirmed", template("DÉFAUT {{contact.firstName}}", "DÉFAUT", "<p>DÉFAUT</p>", "DÉFAUT"));
        contact(tenant.slug());
        event(tenant.slug(), "Atelier céramique", Map.of("payment.confirmed", template(
                "{{contact.firstName}}, votre place pour {{event.name}} ({{event.startsAt}}) est confirmée : {{payment.amount}} reçus.",
                "Inscription confirmée : {{event.name}}",
                "<p>Bonjour {{contact.firstName}},</p><p>Paiement de {{payment.amount}} reçu pour {{event.name}}.</p>",
                "Bonjour {{contact.firstName}}, paiement de {{payment.amount}} reçu pour {{event.name}}.")));

        pay(tenant);
        awaitIdle(tenant.slug());

        assertThat(rows(tenant.slug(), "SELECT channel, status, provider, provider_message_id, event_id IS NOT NULL AS for_event"
                + " FROM {schema}.messages ORDER BY channel"))
                .extracting(r -> r.get("channel"), r -> r.get("status"), r -> r.get("provider"), r -> r.get("provider_message_id"),
                        r -> r.get("for_event"))
                .containsExactly(tuple("EMAIL", "SENT", "email", "bdf61981-27f6-4493-b0cc-2c168bd5b01b", true),
                        tuple("SMS", "SENT", "sms", "SM05ec64e2c6d1271db83e22077245bd68", true));
        assertThat(smsOf(tenant)).singleElement().satisfies(sms -> {
            assertThat(sms.to()).isEqualTo(PHONE);
            assertThat(sms.body()).startsWith("Élodie, votre place pour Atelier céramique (26 sept. 2026")
                    .contains("10:00").endsWith(") est confirmée : " + AMOUNT + " reçus.");
        });
        String idempotencyKey = (String) rows(tenant.slug(),
                "SELECT idempotency_key FROM {schema}.messages WHERE channel = 'EMAIL'").get(0).get("idempotency_key");
        assertThat(ProviderFakes.emailsWithKey(PROVIDERS, tenant.apiKey())).singleElement().satisfies(email -> {
            assertThat(email.json().path("from").asString()).isEqualTo(tenant.fromAddress());
            assertThat(email.json().path("to").get(0).asString()).isEqualTo(EMAIL);
            assertThat(email.subject()).isEqualTo("Inscription confirmée : Atelier céramique");
            assertThat(email.html()).isEqualTo("<p>Bonjour Élodie,</p><p>Paiement de " + AMOUNT + " reçu pour Atelier céramique.</p>");
            assertThat(email.text()).isEqualTo("Bonjour Élodie, paiement de " + AMOUNT + " reçu pour Atelier céramique.");
            assertThat(email.idempotencyKey()).isEqualTo(idempotencyKey);
        });
    }

    @Test
    void aSuppressedNumberGetsNoSmsButTheEmailStillGoes() {
        NotifyTenant tenant = notifyTenant("suppressed");
        putTemplate(tenant.slug(), "payment.confirmed", template("Merci {{contact.firstName}}", "Merci", "<p>Merci</p>", "Merci"));
        contact(tenant.slug());
        String hash = Suppressions.hash(tenants.find(tenant.slug()).orElseThrow(), PHONE);
        rows(tenant.slug(), "INSERT INTO {schema}.suppressions (channel, address, address_hash, reason) VALUES ('SMS', ?, ?, 'opt_out')"
                + " RETURNING id", PHONE, hash);

        pay(tenant);
        awaitIdle(tenant.slug());

        assertThat(rows(tenant.slug(), "SELECT channel, status FROM {schema}.messages ORDER BY channel"))
                .extracting(r -> r.get("channel"), r -> r.get("status"))
                .containsExactly(tuple("EMAIL", "SENT"), tuple("SMS", "SUPPRESSED"));
        assertThat(smsOf(tenant)).isEmpty();
        assertThat(ProviderFakes.emailsWithKey(PROVIDERS, tenant.apiKey())).hasSize(1);
    }

    @Test
    void aStopCommittedAfterTheMessageWasCheckedButBeforeItWasSentStopsIt() {
        NotifyTenant tenant = notifyTenant("stoprace");
        putTemplate(tenant.slug(), "payment.confirmed", Map.of("locale", "fr", "sms", "Merci {{contact.firstName}}"));
        contact(tenant.slug());
        Tenant owner = tenants.find(tenant.slug()).orElseThrow();

        // An opt-out of the number is being applied: added to the list but not committed yet while the payment's
        // SMS is queued, checked (the uncommitted opt-out is not visible to that check) and about to be sent.
        database.runInTenant(owner, jdbc -> {
            suppressions.add(jdbc, owner, "SMS", PHONE, "opt_out", "STOP", "SM-stop");
            pay(tenant);
            eventually(() -> assertThat(db().sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                    .query(Long.class).single()).as("the send waits for the opt-out").isPositive());
            assertThat(smsOf(tenant)).isEmpty();
        });
        awaitIdle(tenant.slug());

        assertThat(rows(tenant.slug(), "SELECT channel, status FROM {schema}.messages"))
                .extracting(r -> r.get("channel"), r -> r.get("status")).containsExactly(tuple("SMS", "SUPPRESSED"));
        assertThat(smsOf(tenant)).isEmpty();
    }

    @Test
    void aResend500Then200SendsOneEmailAndBothAttemptsCarryTheSameIdempotencyKey() {
        NotifyTenant tenant = notifyTenant("resend500");
        putTemplate(tenant.slug(), "payment.confirmed", Map.of("email", Map.of("subject", "Merci", "text", "Paiement reçu.")));
        contact(tenant.slug());
        inTurn(() -> post(urlPathEqualTo("/emails")).withHeader("Authorization", equalTo("Bearer " + tenant.apiKey())),
                json(500, "{\"statusCode\":500,\"message\":\"Internal server error\",\"name\":\"internal_server_error\"}"),
                json(200, new String(fixture("resend/send_email_response_200.json"), StandardCharsets.UTF_8)));

        pay(tenant);
        awaitIdle(tenant.slug());

        assertThat(rows(tenant.slug(), "SELECT channel, status, attempts, idempotency_key FROM {schema}.messages"))
                .singleElement().satisfies(m -> {
                    assertThat(m.get("channel")).isEqualTo("EMAIL");
                    assertThat(m.get("status")).isEqualTo("SENT");
                    assertThat(m.get("attempts")).isEqualTo(2);
                    assertThat(ProviderFakes.emailsWithKey(PROVIDERS, tenant.apiKey())).extracting(Email::idempotencyKey)
                            .containsExactly((String) m.get("idempotency_key"), (String) m.get("idempotency_key"));
                });
    }

    @Test
    void aTwilio429WithRetryAfterIsHonoured() {
        NotifyTenant tenant = notifyTenant("retryafter");
        putTemplate(tenant.slug(), "payment.confirmed", Map.of("sms", "Paiement reçu : {{payment.amount}}."));
        contact(tenant.slug());
        inTurn(() -> post(urlPathEqualTo("/2010-04-01/Accounts/" + tenant.accountSid() + "/Messages.json")),
                json(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}").withHeader("Retry-After", "1"),
                json(201, new String(fixture("twilio/messages-api/create_message_response_201.json"), StandardCharsets.UTF_8)));

        pay(tenant);
        awaitIdle(tenant.slug());

        List<Sms> attempts = smsOf(tenant);
        assertThat(attempts).hasSize(2);
        assertThat(Duration.between(attempts.get(0).loggedAt(), attempts.get(1).loggedAt()))
                .as("the retry waits for Retry-After, not the 100 ms backoff").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(rows(tenant.slug(), "SELECT status, attempts FROM {schema}.messages"))
                .extracting(r -> r.get("status"), r -> r.get("attempts")).containsExactly(tuple("SENT", 2));
    }

    @Test
    void aProviderRefusingWith400EndsFailedWithAnIncidentAndNoRetry() {
        NotifyTenant tenant = notifyTenant("refused");
        putTemplate(tenant.slug(), "payment.confirmed", template("Merci", "Merci", "<p>Merci</p>", "Merci"));
        contact(tenant.slug());
        PROVIDERS.stubFor(post(urlPathEqualTo("/emails")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + tenant.apiKey())).willReturn(json(400,
                "{\"statusCode\":400,\"message\":\"Invalid `from` field.\",\"name\":\"validation_error\"}")));
        PROVIDERS.stubFor(post(urlPathEqualTo("/2010-04-01/Accounts/" + tenant.accountSid() + "/Messages.json")).atPriority(1)
                .willReturn(json(400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}")));

        pay(tenant);
        awaitIdle(tenant.slug());

        assertThat(rows(tenant.slug(), "SELECT channel, status, attempts, last_error FROM {schema}.messages ORDER BY channel"))
                .extracting(r -> r.get("channel"), r -> r.get("status"), r -> r.get("attempts"), r -> r.get("last_error"))
                .containsExactly(
                        tuple("EMAIL", "FAILED", 1, "Resend answered HTTP 400 validation_error: Invalid `from` field."),
                        tuple("SMS", "FAILED", 1, "Twilio answered HTTP 400, error 21211: The 'To' number is not a valid phone number."));
        assertThat(rows(tenant.slug(), "SELECT kind, severity FROM {schema}.incidents WHERE kind = 'message.failed'"))
                .extracting(r -> r.get("kind"), r -> r.get("severity"))
                .containsExactly(tuple("message.failed", "ERROR"), tuple("message.failed", "ERROR"));
        assertThat(rows(tenant.slug(), "SELECT id FROM {schema}.suppressions")).as("21211 is no opt-out").isEmpty();
        assertThat(smsOf(tenant)).hasSize(1);
        assertThat(ProviderFakes.emailsWithKey(PROVIDERS, tenant.apiKey())).hasSize(1);
    }

    @Test
    void anInvalidTemplateIsRefusedOnSaveWithTheFieldAndTheLine() {
        String slug = onboard(uniqueSlug("invalid"));
        String path = "/api/v1/tenants/" + slug + "/templates/payment.confirmed";

        Response refused = api("PUT", path, adminToken(), template("Bonjour {{contact.firstName", "Merci",
                "<p>Bonjour</p>\n{{#event}}\n<p>{{name}}</p>", "Merci"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").path("sms").asString()).startsWith("line 1: ");
        assertThat(refused.json().path("errors").path("email.html").asString()).startsWith("line 2: ").contains("event");
        assertThat(refused.json().path("errors").has("email.text")).isFalse();
        assertThat(api("GET", path, adminToken(), null).status()).as("nothing was saved").isEqualTo(404);
    }

    @Test
    void aTemplateCannotReadFilesThroughPartials() {
        String slug = onboard(uniqueSlug("partial"));
        Map<String, Object> include = Map.of("sms", "{{> pom.xml}}");

        Response saved = api("PUT", "/api/v1/tenants/" + slug + "/templates/lead.welcome", adminToken(), include);
        Response preview = api("POST", "/api/v1/tenants/" + slug + "/templates/preview", adminToken(), include);

        assertThat(saved.status()).isEqualTo(400);
        assertThat(saved.json().path("errors").path("sms").asString()).contains("partial");
        assertThat(preview.status()).isEqualTo(400);
        assertThat(preview.body()).doesNotContain("<project");
    }

    @Test
    void oneTenantsTemplatesAndCredentialsNeverServeAnother() {
        NotifyTenant alpha = notifyTenant("isoalpha");
        NotifyTenant beta = notifyTenant("isobeta");
        for (NotifyTenant tenant : List.of(alpha, beta)) {
            putTemplate(tenant.slug(), "payment.confirmed", template("SMS de " + tenant.slug(), "Email de " + tenant.slug(),
                    "<p>" + tenant.slug() + "</p>", tenant.slug()));
            contact(tenant.slug());
            pay(tenant);
        }
        awaitIdle(alpha.slug());
        awaitIdle(beta.slug());

        for (NotifyTenant tenant : List.of(alpha, beta)) {
            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    (tenant.accountSid() + ":" + tenant.authToken()).getBytes(StandardCharsets.UTF_8));
            assertThat(ProviderFakes.sms(PROVIDERS, s -> s.accountSid().equals(tenant.accountSid())))
                    .extracting(Sms::authorization, Sms::from, Sms::to, Sms::body)
                    .containsExactly(tuple(basic, tenant.fromNumber(), PHONE, "SMS de " + tenant.slug()));
            assertThat(ProviderFakes.emailsWithKey(PROVIDERS, tenant.apiKey()))
                    .extracting(e -> e.json().path("from").asString(), Email::subject)
                    .containsExactly(tuple(tenant.fromAddress(), "Email de " + tenant.slug()));
        }
    }

    @Test
    void emailHtmlIsEscapedButSmsSubjectAndTextAreNot() {
        NotifyTenant tenant = notifyTenant("escape");
        String name = "L'atelier \"Raku\" <débutants> & co";
        contact(tenant.slug());
        event(tenant.slug(), name, Map.of("payment.confirmed",
                template("{{event.name}}", "{{event.name}}", "<p>{{event.name}}</p>", "{{event.name}}")));

        pay(tenant);
        awaitIdle(tenant.slug());

        assertThat(smsOf(tenant)).extracting(Sms::body).containsExactly(name);
        assertThat(ProviderFakes.emailsWithKey(PROVIDERS, tenant.apiKey())).singleElement().satisfies(email -> {
            assertThat(email.subject()).isEqualTo(name);
            assertThat(email.text()).isEqualTo(name);
            assertThat(email.html()).isEqualTo("<p>L&#39;atelier &quot;Raku&quot; &lt;débutants&gt; &amp; co</p>");
        });
    }

    private NotifyTenant notifyTenant(String prefix) {
        String slug = onboard(uniqueSlug(prefix));
        String id = UUID.randomUUID().toString().replace("-", "");
        NotifyTenant tenant = new NotifyTenant(slug, "whsec_" + id, "AC" + id, "auth-" + id, uniqueSenderNumber(), "re_" + id,
                "Atelier <notifications@" + slug + ".example>");
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", tenant.webhookSecret()));
        connect(slug, "sms", Map.of("accountSid", tenant.accountSid(), "fromNumber", tenant.fromNumber()),
                Map.of("authToken", tenant.authToken()));
        connect(slug, "email", Map.of("fromAddress", tenant.fromAddress()), Map.of("apiKey", tenant.apiKey()));
        return tenant;
    }

    /** The Stripe checkout fixture carries no phone: the paying contact exists already, with one. */
    private void contact(String slug) {
        rows(slug, "INSERT INTO {schema}.contacts (email, phone, first_name, last_name) VALUES (?, ?, 'Élodie', 'Martin')"
                + " RETURNING id", EMAIL, PHONE);
    }

    private void event(String slug, String name, Map<String, Object> templates) {
        rows(slug, "INSERT INTO {schema}.events (name, starts_at, stripe_payment_link_id, notification_templates)"
                + " VALUES (?, '2026-09-26T08:00:00Z', ?, ?::jsonb) RETURNING id", name, PAYMENT_LINK, JSON.writeValueAsString(templates));
    }

    private void pay(NotifyTenant tenant) {
        byte[] checkout = fixture(CHECKOUT);
        assertThat(webhook(tenant.slug(), "stripe", checkout, StripeSigner.headers(checkout, tenant.webhookSecret())).status())
                .isEqualTo(200);
    }

    private List<Sms> smsOf(NotifyTenant tenant) {
        return ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber());
    }

    private static Map<String, Object> template(String sms, String subject, String html, String text) {
        return Map.of("locale", "fr", "sms", sms, "email", Map.of("subject", subject, "html", html, "text", text));
    }

    /** The request gets each answer in turn, the last one from then on. */
    private static void inTurn(Supplier<MappingBuilder> request, ResponseDefinitionBuilder... answers) {
        String scenario = "turns-" + UUID.randomUUID();
        for (int i = 0; i < answers.length; i++) {
            ScenarioMappingBuilder step = request.get().atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "turn-" + i).willReturn(answers[i]);
            PROVIDERS.stubFor(i + 1 < answers.length ? step.willSetStateTo("turn-" + (i + 1)) : step);
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private record NotifyTenant(String slug, String webhookSecret, String accountSid, String authToken, String fromNumber,
            String apiKey, String fromAddress) {}
}
