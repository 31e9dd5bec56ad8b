package io.switchboard.platform.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.platform.support.MessagingIT;
import io.switchboard.platform.support.ProviderFakes;
import io.switchboard.platform.support.ProviderFakes.Sms;
import io.switchboard.platform.support.TwilioSigner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, inbound SMS through the running platform: Twilio-signed form posts over the public URL, opt-out
 * compliance (evidence, suppression, one confirmation, nothing sent afterwards), START, the TwiML answer,
 * dedupe on MessageSid, ordinary messages and the optional auto-reply, and Twilio's own 21610 refusal.
 */
class InboundSmsIT extends MessagingIT {

    static final String ACCOUNT_SID = "AC9b1f153598793376abf73d9df157f03a";
    static final String CONFIRMATION = "Vous êtes désabonné. Plus de SMS.";
    private static final String INBOUND = "twilio/inbound-sms/";
    private static final String INFO_SID = "SM8a649a958f33bbd62c89d3d181979a36";

    /** Each STOP variant of the fixtures, with its sender and the keyword kept as evidence. */
    private static final List<String[]> STOP_VARIANTS = List.of(
            new String[] {"sms_stop", "+33639980101", "STOP"},
            new String[] {"sms_stop_padded_lowercase", "+33639980102", "STOP"},
            new String[] {"sms_arreter_accent", "+33639980103", "ARRETER"},
            new String[] {"sms_arret_uppercase", "+33639980104", "ARRET"},
            new String[] {"sms_desabonner_lowercase", "+33639980105", "DESABONNER"},
            new String[] {"sms_unsubscribe", "+33639980106", "UNSUBSCRIBE"});

    @BeforeEach
    void twilioAcceptsMessages() {
        ProviderFakes.twilioAccepts(PROVIDERS, fixture("twilio/messages-api/create_message_response_201.json"));
    }

    @Test
    void everyStopVariantOptsOutKeepsTheEvidenceAndSendsExactlyOneConfirmation() {
        SmsTenant tenant = smsTenant("stop", "token-" + UUID.randomUUID());
        Instant before = Instant.now().minusSeconds(1);

        for (String[] variant : STOP_VARIANTS) {
            Response answer = inbound(tenant, fixture(INBOUND + variant[0] + ".txt"));
            assertThat(answer.status()).as(variant[0]).isEqualTo(200);
            assertThat(answer.header("Content-Type")).startsWith("text/xml");
            assertThat(answer.body()).contains("<Response></Response>");
        }
        awaitIdle(tenant.slug());

        assertThat(rows(tenant.slug(), "SELECT phone, status, opt_out_keyword FROM {schema}.contacts ORDER BY phone"))
                .extracting(r -> r.get("phone"), r -> r.get("status"), r -> r.get("opt_out_keyword"))
                .containsExactlyElementsOf(STOP_VARIANTS.stream().map(v -> tuple(v[1], "OPTED_OUT", v[2])).toList());
        assertThat(rows(tenant.slug(), "SELECT opted_out_at FROM {schema}.contacts"))
                .allSatisfy(r -> assertThat(((Timestamp) r.get("opted_out_at")).toInstant()).isBetween(before, Instant.now()));
        assertThat(rows(tenant.slug(), "SELECT channel, address, reason, keyword FROM {schema}.suppressions ORDER BY address"))
                .extracting(r -> r.get("channel"), r -> r.get("address"), r -> r.get("reason"), r -> r.get("keyword"))
                .containsExactlyElementsOf(STOP_VARIANTS.stream().map(v -> tuple("SMS", v[1], "opt_out", v[2])).toList());
        assertThat(rows(tenant.slug(), "SELECT kind FROM {schema}.incidents")).extracting(r -> r.get("kind"))
                .containsOnly("sms.opted_out").hasSize(STOP_VARIANTS.size());
        List<Sms> sent = ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber());
        assertThat(sent).extracting(Sms::to, Sms::body, Sms::accountSid)
                .containsExactlyInAnyOrderElementsOf(STOP_VARIANTS.stream().map(v -> tuple(v[1], CONFIRMATION, ACCOUNT_SID)).toList());
        assertThat(rows(tenant.slug(), "SELECT template_key, status, provider_message_id FROM {schema}.messages"))
                .extracting(r -> r.get("template_key"), r -> r.get("status"), r -> r.get("provider_message_id"))
                .containsOnly(tuple("sms.opt_out.confirmation", "SENT", "SM05ec64e2c6d1271db83e22077245bd68"))
                .hasSize(STOP_VARIANTS.size());

        // Twilio redelivers: the same MessageSid is acknowledged again and stores, queues and sends nothing.
        for (String[] variant : STOP_VARIANTS) {
            Response again = inbound(tenant, fixture(INBOUND + variant[0] + ".txt"));
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.header("Content-Type")).startsWith("text/xml");
        }
        // a redelivery of an event already moved into the inbox is taken in again, then dropped by its own move
        assertThat(inboxOnceMoved(tenant.slug())).hasSize(STOP_VARIANTS.size());
        eventually(() -> assertThat(queueEntries(tenant.slug())).isZero());
        assertThat(ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber())).hasSize(STOP_VARIANTS.size());
    }

    @Test
    void theTenantsOwnConfirmationTemplateReplacesTheDefault() {
        SmsTenant tenant = smsTenant("stopown", "token-" + UUID.randomUUID());
        Response withoutSms = api("PUT", "/api/v1/tenants/" + tenant.slug() + "/templates/sms.opt_out.confirmation",
                adminToken(), Map.of("email", Map.of("subject", "Désinscription", "text", "C'est noté.")));
        assertThat(withoutSms.status()).as("the confirmation must stay sendable by SMS").isEqualTo(400);
        assertThat(withoutSms.json().path("errors").has("sms")).isTrue();
        putTemplate(tenant.slug(), "sms.opt_out.confirmation",
                Map.of("sms", "{{tenant.name}} : c'est noté, plus aucun SMS. Répondez START pour revenir."));

        assertThat(inbound(tenant, fixture(INBOUND + "sms_stop.txt")).status()).isEqualTo(200);
        awaitIdle(tenant.slug());

        assertThat(ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber())).extracting(Sms::to, Sms::body)
                .containsExactly(tuple("+33639980101",
                        "Tenant " + tenant.slug() + " : c'est noté, plus aucun SMS. Répondez START pour revenir."));
    }

    /**
     * The queued-before-STOP message is a real one: the platform queues an auto-reply and Twilio answers its first
     * attempt 429 with Retry-After 2 s, so it is still waiting in the outbox when the STOP arrives. Its retry, and
     * any later message, must end SUPPRESSED without reaching Twilio.
     */
    @Test
    void afterStopNoSmsReachesTwilioNotEvenOneQueuedBefore() {
        SmsTenant tenant = smsTenant("queued", "token-" + UUID.randomUUID());
        putTemplate(tenant.slug(), "sms.auto_reply", Map.of("sms", "Merci pour votre message, nous revenons vers vous."));
        PROVIDERS.stubFor(post(urlPathMatching(ProviderFakes.TWILIO_MESSAGES)).atPriority(1)
                .withRequestBody(containing("Body=Merci"))
                .withRequestBody(containing("From=" + URLEncoder.encode(tenant.fromNumber(), StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(429)
                        .withHeader("Retry-After", "2").withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")));

        assertThat(inbound(tenant, ordinaryMessage("+33639980101", "Bonjour")).status()).isEqualTo(200);
        eventually(() -> assertThat(rows(tenant.slug(), "SELECT status, attempts, last_error FROM {schema}.messages"))
                .singleElement().satisfies(m -> {
                    assertThat(m.get("status")).isEqualTo("QUEUED");
                    assertThat(m.get("attempts")).isEqualTo(1);
                    assertThat((String) m.get("last_error")).contains("429");
                }));
        Instant stopAt = Instant.now();
        assertThat(inbound(tenant, fixture(INBOUND + "sms_stop.txt")).status()).isEqualTo(200);
        assertThat(inbound(tenant, ordinaryMessage("+33639980101", "Vous êtes là ?")).status()).isEqualTo(200);
        awaitIdle(tenant.slug());

        assertThat(rows(tenant.slug(), "SELECT template_key, status FROM {schema}.messages ORDER BY id"))
                .extracting(r -> r.get("template_key"), r -> r.get("status"))
                .containsExactlyInAnyOrder(tuple("sms.auto_reply", "SUPPRESSED"), tuple("sms.opt_out.confirmation", "SENT"),
                        tuple("sms.auto_reply", "SUPPRESSED"));
        List<Sms> sent = ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber());
        assertThat(sent).extracting(Sms::body).containsExactly("Merci pour votre message, nous revenons vers vous.", CONFIRMATION);
        assertThat(sent.get(0).loggedAt()).as("the only auto-reply request is the refused one, before the STOP")
                .isBefore(stopAt);
    }

    @Test
    void startResubscribesAndSmsFlowAgain() {
        SmsTenant tenant = smsTenant("start", "token-" + UUID.randomUUID());
        putTemplate(tenant.slug(), "sms.auto_reply", Map.of("sms", "Bien reçu."));
        assertThat(inbound(tenant, fixture(INBOUND + "sms_stop.txt")).status()).isEqualTo(200);
        awaitIdle(tenant.slug());
        assertThat(rows(tenant.slug(), "SELECT id FROM {schema}.suppressions")).hasSize(1);

        Response answer = inbound(tenant, fixture(INBOUND + "sms_start.txt"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/xml");
        awaitIdle(tenant.slug());

        assertThat(rows(tenant.slug(), "SELECT id FROM {schema}.suppressions")).isEmpty();
        assertThat(rows(tenant.slug(), "SELECT status, opted_in_at, opted_out_at, opt_out_keyword FROM {schema}.contacts"))
                .singleElement().satisfies(c -> {
                    assertThat(c.get("status")).isEqualTo("LEAD");
                    assertThat(c.get("opted_in_at")).isNotNull();
                    assertThat(((Timestamp) c.get("opted_in_at")).after((Timestamp) c.get("opted_out_at"))).isTrue();
                    assertThat(c.get("opt_out_keyword")).as("the opt-out evidence is kept").isEqualTo("STOP");
                });
        assertThat(rows(tenant.slug(), "SELECT kind FROM {schema}.incidents ORDER BY id")).extracting(r -> r.get("kind"))
                .containsExactly("sms.opted_out", "sms.opted_in");

        assertThat(inbound(tenant, ordinaryMessage("+33639980101", "Je reviens")).status()).isEqualTo(200);
        awaitIdle(tenant.slug());
        assertThat(ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber())).extracting(Sms::to, Sms::body)
                .containsExactly(tuple("+33639980101", CONFIRMATION), tuple("+33639980101", "Bien reçu."));
    }

    @Test
    void badSignaturesAndRequestsSignedForAnotherTenantAreRefused() {
        String sharedToken = "token-" + UUID.randomUUID();
        SmsTenant alpha = smsTenant("sigalpha", sharedToken);
        // Same Twilio account and auth token: only the URL in the signature tells the tenants apart.
        SmsTenant beta = smsTenant("sigbeta", sharedToken);
        byte[] body = fixture(INBOUND + "sms_stop.txt");
        Map<String, String> signedForAlpha = TwilioSigner.headers(alpha.slug(), body, sharedToken);

        Response wrongTenant = webhook(beta.slug(), "sms", body, signedForAlpha);
        Response wrongToken = webhook(alpha.slug(), "sms", body, TwilioSigner.headers(alpha.slug(), body, "not-the-token"));
        Response unsigned = webhook(alpha.slug(), "sms", body, Map.of("Content-Type", "application/x-www-form-urlencoded"));
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Body=STOP", "Body=START").getBytes(StandardCharsets.UTF_8);
        Response altered = webhook(alpha.slug(), "sms", tampered, signedForAlpha);
        Response internalUrl = webhook(alpha.slug(), "sms", body,
                TwilioSigner.headersFor(url("/webhooks/" + alpha.slug() + "/sms"), body, sharedToken));

        for (Response refused : List.of(wrongTenant, wrongToken, unsigned, altered, internalUrl)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(stored(alpha.slug())).isEmpty();
        assertThat(stored(beta.slug())).isEmpty();

        assertThat(webhook(alpha.slug(), "sms", body, signedForAlpha).status()).as("the same request at its own tenant")
                .isEqualTo(200);
        assertThat(stored(alpha.slug())).hasSize(1);
    }

    @Test
    void anOrdinaryMessageIsKeptOnTheTimelineAndAutoRepliedOnlyWhenTheTenantDefinesIt() {
        SmsTenant tenant = smsTenant("ordinary", "token-" + UUID.randomUUID());

        assertThat(inbound(tenant, fixture(INBOUND + "sms_info_request.txt")).status()).isEqualTo(200);
        awaitIdle(tenant.slug());
        assertThat(rows(tenant.slug(), "SELECT status FROM {schema}.deliveries")).extracting(r -> r.get("status"))
                .containsExactly("PROCESSED");
        assertThat(rows(tenant.slug(), """
                SELECT c.phone, c.status, a.kind, a.data->>'body' AS body FROM {schema}.contact_activities a
                JOIN {schema}.contacts c ON c.id = a.contact_id"""))
                .extracting(r -> r.get("phone"), r -> r.get("status"), r -> r.get("kind"), r -> r.get("body"))
                .containsExactly(tuple("+33639980107", "LEAD", "sms.inbound", "Bonjour, je veux plus d'infos"));
        assertThat(rows(tenant.slug(), "SELECT id FROM {schema}.messages")).as("no auto-reply template").isEmpty();

        putTemplate(tenant.slug(), "sms.auto_reply",
                Map.of("sms", "Bien reçu : « {{message}} ». L'équipe {{tenant.name}} vous répond vite."));
        assertThat(inbound(tenant, ordinaryMessage("+33639980107", "Et les tarifs d'été ?")).status()).isEqualTo(200);
        awaitIdle(tenant.slug());

        assertThat(ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber())).extracting(Sms::to, Sms::body)
                .containsExactly(tuple("+33639980107",
                        "Bien reçu : « Et les tarifs d'été ? ». L'équipe Tenant " + tenant.slug() + " vous répond vite."));
        assertThat(rows(tenant.slug(), "SELECT id FROM {schema}.contact_activities")).hasSize(2);
        assertThat(rows(tenant.slug(), "SELECT id FROM {schema}.contacts")).hasSize(1);
    }

    @Test
    void twilioRefusingWith21610SuppressesTheNumber() {
        SmsTenant tenant = smsTenant("e21610", "token-" + UUID.randomUUID());
        putTemplate(tenant.slug(), "sms.auto_reply", Map.of("sms", "Bien reçu."));
        twilioRefusesWith21610(tenant);

        assertThat(inbound(tenant, fixture(INBOUND + "sms_info_request.txt")).status()).isEqualTo(200);
        awaitIdle(tenant.slug());

        assertThat(rows(tenant.slug(), "SELECT status, last_error FROM {schema}.messages")).singleElement()
                .satisfies(m -> {
                    assertThat(m.get("status")).isEqualTo("FAILED");
                    assertThat((String) m.get("last_error")).contains("21610");
                });
        assertThat(rows(tenant.slug(), "SELECT channel, address, reason FROM {schema}.suppressions"))
                .extracting(r -> r.get("channel"), r -> r.get("address"), r -> r.get("reason"))
                .containsExactly(tuple("SMS", "+33639980107", "provider_opt_out"));
        assertThat(rows(tenant.slug(), "SELECT status, opted_out_at FROM {schema}.contacts")).singleElement()
                .satisfies(c -> {
                    assertThat(c.get("status")).isEqualTo("OPTED_OUT");
                    assertThat(c.get("opted_out_at")).isNotNull();
                });

        assertThat(inbound(tenant, ordinaryMessage("+33639980107", "Allô ?")).status()).isEqualTo(200);
        awaitIdle(tenant.slug());
        assertThat(rows(tenant.slug(), "SELECT status FROM {schema}.messages ORDER BY id")).extracting(r -> r.get("status"))
                .containsExactly("FAILED", "SUPPRESSED");
        assertThat(ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber())).hasSize(1);
    }

    /**
     * Twilio's own opt-out handling blocks a number as soon as it texts STOP, and confirms it itself: the platform's
     * confirmation is then refused with 21610, which is expected, not an error.
     */
    @Test
    void aConfirmationRefusedBecauseTwilioAlreadyOptedTheNumberOutIsNoError() {
        SmsTenant tenant = smsTenant("twoptout", "token-" + UUID.randomUUID());
        twilioRefusesWith21610(tenant);

        assertThat(inbound(tenant, fixture(INBOUND + "sms_stop.txt")).status()).isEqualTo(200);
        awaitIdle(tenant.slug());

        assertThat(rows(tenant.slug(), "SELECT template_key, status, last_error FROM {schema}.messages")).singleElement()
                .satisfies(m -> {
                    assertThat(m.get("template_key")).isEqualTo("sms.opt_out.confirmation");
                    assertThat(m.get("status")).isEqualTo("SUPPRESSED");
                    assertThat((String) m.get("last_error")).contains("21610");
                });
        assertThat(rows(tenant.slug(), "SELECT kind FROM {schema}.incidents")).extracting(r -> r.get("kind"))
                .containsExactly("sms.opted_out");
        assertThat(rows(tenant.slug(), "SELECT reason, keyword FROM {schema}.suppressions"))
                .extracting(r -> r.get("reason"), r -> r.get("keyword")).containsExactly(tuple("opt_out", "STOP"));
        assertThat(ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber())).hasSize(1);
    }

    private void twilioRefusesWith21610(SmsTenant tenant) {
        PROVIDERS.stubFor(post(urlPathMatching(ProviderFakes.TWILIO_MESSAGES)).atPriority(1)
                .withRequestBody(containing("From=" + URLEncoder.encode(tenant.fromNumber(), StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(fixture("twilio/messages-api/error_21610_unsubscribed_recipient_400.json"))));
    }

    private SmsTenant smsTenant(String prefix, String authToken) {
        String slug = onboard(uniqueSlug(prefix));
        String fromNumber = uniqueSenderNumber();
        connect(slug, "sms", Map.of("accountSid", ACCOUNT_SID, "fromNumber", fromNumber), Map.of("authToken", authToken));
        return new SmsTenant(slug, fromNumber, authToken);
    }

    private Response inbound(SmsTenant tenant, byte[] body) {
        return webhook(tenant.slug(), "sms", body, TwilioSigner.headers(tenant.slug(), body, tenant.authToken()));
    }

    /** The info-request fixture as another message: its own MessageSid, sender and text. */
    private static byte[] ordinaryMessage(String from, String text) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        return new String(fixture(INBOUND + "sms_info_request.txt"), StandardCharsets.UTF_8)
                .replace(INFO_SID, sid)
                .replace("From=%2B33639980107", "From=" + URLEncoder.encode(from, StandardCharsets.UTF_8))
                .replace("Body=Bonjour%2C+je+veux+plus+d%27infos", "Body=" + URLEncoder.encode(text, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    private record SmsTenant(String slug, String fromNumber, String authToken) {}
}
