package io.switchboard.platform.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.switchboard.platform.support.MessagingIT;
import io.switchboard.platform.support.MetaSigner;
import io.switchboard.platform.support.ProviderFakes;
import io.switchboard.platform.support.ProviderFakes.Sms;
import io.switchboard.platform.support.TwilioSigner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, Facebook Lead Ads through the running platform: Meta's subscription handshake, signed leadgen POSTs
 * (one delivery per lead, deduped on leadgen id), leads read from the fake Graph API with the page token,
 * recorded as LEAD contacts and welcomed by SMS unless the number said STOP, Graph errors retried.
 */
class FacebookLeadAdsIT extends MessagingIT {

    private static final String PAGE_ID = "108523746190284";
    private static final String VERIFY_TOKEN = "atelier-lumiere-verify-7Qp2";
    private static final String TWO_CHANGES = "meta/leadgen/webhook_leadgen_two_changes.json";
    private static final String SINGLE = "meta/leadgen/webhook_leadgen_single.json";
    private static final String WELCOME = "Bonjour {{contact.firstName}}, merci pour votre intérêt ! L'équipe {{tenant.name}}";

    @BeforeEach
    void twilioAcceptsMessages() {
        ProviderFakes.twilioAccepts(PROVIDERS, fixture("twilio/messages-api/create_message_response_201.json"));
    }

    @Test
    void theMetaHandshakeEchoesTheChallengeOnlyForTheTenantsVerifyToken() {
        LeadTenant tenant = leadTenant("fbhub");

        Response right = handshake(tenant.slug(), "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + VERIFY_TOKEN);
        Response wrong = handshake(tenant.slug(), "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");
        Response none = handshake(tenant.slug(), "hub.mode=subscribe&hub.challenge=1158201444");

        assertThat(right.status()).isEqualTo(200);
        assertThat(right.header("Content-Type")).startsWith("text/plain");
        assertThat(right.body()).isEqualTo("1158201444");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("1158201444");
        assertThat(none.status()).isEqualTo(403);
    }

    @Test
    void aTwoLeadPostCreatesTwoLeadsAndTwoWelcomeSmsAndAReplayCreatesNothingNew() {
        LeadTenant tenant = leadTenant("fbleads");
        graphServes(tenant, "7840306769899684");
        graphServes(tenant, "9694752536249677");
        byte[] body = fixture(TWO_CHANGES);

        Response answer = webhook(tenant.slug(), "facebook", body, MetaSigner.headers(body, tenant.appSecret()));
        assertThat(answer.status()).isEqualTo(200);
        awaitIdle(tenant.slug());

        assertThat(rows(tenant.slug(), "SELECT dedupe_key, status FROM {schema}.deliveries ORDER BY dedupe_key"))
                .extracting(r -> r.get("dedupe_key"), r -> r.get("status"))
                .containsExactly(tuple("7840306769899684", "PROCESSED"), tuple("9694752536249677", "PROCESSED"));
        assertThat(rows(tenant.slug(), "SELECT email, phone, first_name, last_name, status FROM {schema}.contacts ORDER BY email"))
                .extracting(r -> r.get("email"), r -> r.get("phone"), r -> r.get("first_name"), r -> r.get("last_name"),
                        r -> r.get("status"))
                .containsExactly(tuple("camille.laurent@example.net", "+33639980109", "Camille", "Laurent", "LEAD"),
                        tuple("julien.moreau@example.com", "+33639980108", "Julien", "Moreau", "LEAD"));
        assertThat(rows(tenant.slug(), """
                SELECT a.kind, a.data->'lead'->>'quel_est_votre_projet_?' AS project, a.data->>'sourceId' AS leadgen
                FROM {schema}.contact_activities a ORDER BY leadgen"""))
                .extracting(r -> r.get("kind"), r -> r.get("project"), r -> r.get("leadgen"))
                .containsExactly(tuple("lead.created", "loisir", "7840306769899684"),
                        tuple("lead.created", "cadeau", "9694752536249677"));
        String team = "L'équipe Tenant " + tenant.slug();
        assertThat(ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber())).extracting(Sms::to, Sms::body)
                .containsExactlyInAnyOrder(
                        tuple("+33639980108", "Bonjour Julien, merci pour votre intérêt ! " + team),
                        tuple("+33639980109", "Bonjour Camille, merci pour votre intérêt ! " + team));

        // Meta redelivers the same POST, and an operator replays one delivery: neither creates anything new.
        assertThat(webhook(tenant.slug(), "facebook", body, MetaSigner.headers(body, tenant.appSecret())).status())
                .isEqualTo(200);
        String delivery = rows(tenant.slug(), "SELECT id FROM {schema}.deliveries WHERE dedupe_key = '7840306769899684'")
                .get(0).get("id").toString();
        assertThat(api("POST", "/api/v1/tenants/" + tenant.slug() + "/deliveries/" + delivery + "/replay", adminToken(), null)
                .status()).isEqualTo(200);
        awaitIdle(tenant.slug());

        PROVIDERS.verify(2, getRequestedFor(urlPathEqualTo("/v21.0/7840306769899684"))
                .withHeader("Authorization", equalTo(tenant.bearer())));
        assertThat(rows(tenant.slug(), "SELECT status FROM {schema}.deliveries")).extracting(r -> r.get("status"))
                .containsExactly("PROCESSED", "PROCESSED");
        assertThat(rows(tenant.slug(), "SELECT id FROM {schema}.contacts")).hasSize(2);
        assertThat(rows(tenant.slug(), "SELECT id FROM {schema}.contact_activities")).hasSize(2);
        assertThat(rows(tenant.slug(), "SELECT id FROM {schema}.messages")).hasSize(2);
        assertThat(ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber())).hasSize(2);
    }

    @Test
    void graphApiErrorsAreRetriedThenTheLeadIsProcessed() {
        LeadTenant tenant = leadTenant("fbretry");
        String path = "/v21.0/6769383488552307";
        String scenario = "graph-" + tenant.slug();
        String graphError = "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"type\":\"OAuthException\","
                + "\"code\":2,\"is_transient\":true,\"fbtrace_id\":\"AbCdEf\"}}";
        PROVIDERS.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", equalTo(tenant.bearer()))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody(graphError))
                .willSetStateTo("failed once"));
        PROVIDERS.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", equalTo(tenant.bearer()))
                .inScenario(scenario).whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody(graphError))
                .willSetStateTo("recovered"));
        PROVIDERS.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", equalTo(tenant.bearer()))
                .inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(fixture("meta/leadgen/graph_get_lead_6769383488552307.json"))));
        byte[] body = fixture(SINGLE);

        assertThat(webhook(tenant.slug(), "facebook", body, MetaSigner.headers(body, tenant.appSecret())).status())
                .isEqualTo(200);
        awaitIdle(tenant.slug());

        PROVIDERS.verify(3, getRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", equalTo(tenant.bearer())));
        assertThat(rows(tenant.slug(), "SELECT status, attempts FROM {schema}.deliveries"))
                .extracting(r -> r.get("status"), r -> r.get("attempts")).containsExactly(tuple("PROCESSED", 3));
        assertThat(rows(tenant.slug(), "SELECT email, status FROM {schema}.contacts"))
                .extracting(r -> r.get("email"), r -> r.get("status")).containsExactly(tuple("elodie.martin@example.fr", "LEAD"));
        assertThat(ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber())).extracting(Sms::to)
                .containsExactly("+33639980101");
    }

    @Test
    void aLeadWhoseNumberSaidStopIsRecordedButNotWelcomed() {
        LeadTenant tenant = leadTenant("fbstop");
        graphServes(tenant, "6769383488552307");
        byte[] stop = fixture("twilio/inbound-sms/sms_stop.txt");
        assertThat(webhook(tenant.slug(), "sms", stop, TwilioSigner.headers(tenant.slug(), stop, tenant.twilioToken())).status())
                .isEqualTo(200);
        awaitIdle(tenant.slug());

        byte[] body = fixture(SINGLE);
        assertThat(webhook(tenant.slug(), "facebook", body, MetaSigner.headers(body, tenant.appSecret())).status())
                .isEqualTo(200);
        awaitIdle(tenant.slug());

        assertThat(rows(tenant.slug(), "SELECT email, phone, status FROM {schema}.contacts"))
                .extracting(r -> r.get("email"), r -> r.get("phone"), r -> r.get("status"))
                .containsExactly(tuple("elodie.martin@example.fr", "+33639980101", "OPTED_OUT"));
        assertThat(rows(tenant.slug(), "SELECT template_key, status FROM {schema}.messages ORDER BY id"))
                .extracting(r -> r.get("template_key"), r -> r.get("status"))
                .containsExactly(tuple("sms.opt_out.confirmation", "SENT"), tuple("lead.welcome", "SUPPRESSED"));
        assertThat(ProviderFakes.smsFrom(PROVIDERS, tenant.fromNumber())).extracting(Sms::body)
                .containsExactly(InboundSmsIT.CONFIRMATION);
    }

    @Test
    void aPostWithABadSignatureIsRefusedAndStoresNothing() {
        LeadTenant tenant = leadTenant("fbsig");
        byte[] body = fixture(TWO_CHANGES);

        Response refused = webhook(tenant.slug(), "facebook", body, MetaSigner.headers(body, "another-app-secret"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(stored(tenant.slug())).isEmpty();
    }

    private LeadTenant leadTenant(String prefix) {
        String slug = onboard(uniqueSlug(prefix));
        String appSecret = "app-secret-" + UUID.randomUUID();
        String twilioToken = "twilio-" + UUID.randomUUID();
        String pageToken = "EAAG" + UUID.randomUUID().toString().replace("-", "");
        String fromNumber = uniqueSenderNumber();
        connect(slug, "facebook", Map.of("pageId", PAGE_ID),
                Map.of("appSecret", appSecret, "pageAccessToken", pageToken, "verifyToken", VERIFY_TOKEN));
        connect(slug, "sms", Map.of("accountSid", InboundSmsIT.ACCOUNT_SID, "fromNumber", fromNumber),
                Map.of("authToken", twilioToken));
        putTemplate(slug, "lead.welcome", Map.of("sms", WELCOME));
        return new LeadTenant(slug, appSecret, pageToken, twilioToken, fromNumber);
    }

    /** The fake Graph API serves the lead's fixture, only to a caller with the tenant's page token. */
    private void graphServes(LeadTenant tenant, String leadgenId) {
        PROVIDERS.stubFor(get(urlPathEqualTo("/v21.0/" + leadgenId))
                .withHeader("Authorization", equalTo(tenant.bearer()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(fixture("meta/leadgen/graph_get_lead_" + leadgenId + ".json"))));
    }

    private Response handshake(String slug, String query) {
        return send(HttpRequest.newBuilder(URI.create(url("/webhooks/" + slug + "/facebook?" + query))).GET());
    }

    private record LeadTenant(String slug, String appSecret, String pageToken, String twilioToken, String fromNumber) {
        String bearer() {
            return "Bearer " + pageToken;
        }
    }
}
