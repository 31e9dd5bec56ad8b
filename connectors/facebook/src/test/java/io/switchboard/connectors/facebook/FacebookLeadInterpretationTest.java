package io.switchboard.connectors.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.switchboard.connector.HttpCall;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.CreateLead;
import io.switchboard.connector.command.LogIncident;
import io.switchboard.connector.command.Severity;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FacebookLeadInterpretationTest {

    private static final WireMockServer graph = new WireMockServer(options().dynamicPort());
    private static final String FORM = "1287403956214587";
    private static final String QUESTION = "quel_est_votre_projet_?";

    private final FacebookLeadAdsConnector connector = new FacebookLeadAdsConnector();

    @BeforeAll
    static void startGraph() {
        graph.start();
    }

    @AfterAll
    static void stopGraph() {
        graph.stop();
    }

    @BeforeEach
    void resetGraph() {
        graph.resetAll();
        for (String id : List.of("6769383488552307", "7840306769899684", "9694752536249677")) {
            graph.stubFor(get(urlPathEqualTo("/v21.0/" + id)).willReturn(aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Fixtures.bytes("meta/leadgen/graph_get_lead_" + id + ".json"))));
        }
    }

    static Stream<Arguments> fixtureLeads() {
        return Stream.of(
                Arguments.of(FacebookTestData.SINGLE, 0, "6769383488552307", "Élodie", "Martin",
                        "elodie.martin@example.fr", "+33639980101", "Élodie Martin", "reconversion_professionnelle",
                        "120214876530120045", "2026-09-14T04:41:07Z"),
                Arguments.of(FacebookTestData.TWO_CHANGES, 0, "7840306769899684", "Julien", "Moreau",
                        "julien.moreau@example.com", "+33639980108", "Julien Moreau", "loisir",
                        "120214876530120045", "2026-09-14T04:51:18Z"),
                Arguments.of(FacebookTestData.TWO_CHANGES, 1, "9694752536249677", "Camille", "Laurent",
                        "camille.laurent@example.net", "+33639980109", "Camille Laurent", "cadeau",
                        "120214876530120046", "2026-09-14T04:51:20Z"));
    }

    @ParameterizedTest
    @MethodSource("fixtureLeads")
    void eachFixtureLeadBecomesOneCreateLead(String webhook, int index, String leadgenId, String firstName,
            String lastName, String email, String phone, String fullName, String project, String adId, String created) {
        ReceivedEvent event = FacebookTestData.verifiedEvents(webhook).get(index);

        Interpretation result = connector.interpret(FacebookTestData.stored(event), context());

        assertThat(result).isInstanceOf(Interpretation.Apply.class);
        assertThat(((Interpretation.Apply) result).commands()).hasSize(1);
        CreateLead lead = (CreateLead) ((Interpretation.Apply) result).commands().get(0);
        assertThat(lead.contact()).isEqualTo(new ContactRef(email, phone));
        assertThat(lead.details()).isEqualTo(ContactDetails.name(firstName, lastName));
        assertThat(lead.source()).isEqualTo("facebook");
        assertThat(lead.sourceId()).isEqualTo(leadgenId);
        assertThat(lead.occurredAt()).isEqualTo(Instant.parse(created));
        assertThat(lead.leadData()).containsExactly(
                entry("full_name", fullName),
                entry("email", email),
                entry("phone_number", phone),
                entry(QUESTION, project),
                entry("form_id", FORM),
                entry("ad_id", adId),
                entry("page_id", FacebookTestData.PAGE_ID),
                entry("created_time", created));
    }

    @Test
    void tokenTravelsInTheAuthorizationHeaderAndNeverInTheUrl() {
        FakeConnectorContext context = context();

        connector.interpret(firstSingleLead(), context);

        graph.verify(1, getRequestedFor(urlPathEqualTo("/v21.0/6769383488552307"))
                .withHeader("Authorization", equalTo("Bearer " + FacebookTestData.PAGE_TOKEN)));
        assertThat(graph.getAllServeEvents()).extracting(ServeEvent::getRequest)
                .allSatisfy(request -> assertThat(request.getAbsoluteUrl()).doesNotContain(FacebookTestData.PAGE_TOKEN));
        assertThat(context.recordedHttp().calls()).extracting(HttpCall::uri)
                .allSatisfy(uri -> assertThat(uri.toString()).doesNotContain(FacebookTestData.PAGE_TOKEN)
                        .doesNotContain("access_token"));
    }

    @Test
    void graphApiVersionSettingChoosesThePath() {
        graph.stubFor(get(urlPathEqualTo("/v24.0/6769383488552307")).willReturn(aResponse().withStatus(200)
                .withBody(Fixtures.bytes("meta/leadgen/graph_get_lead_6769383488552307.json"))));
        FakeConnectorContext context = FacebookTestData.configured()
                .apiBaseUrl(graph.baseUrl())
                .setting(FacebookLeadAdsConnector.GRAPH_API_VERSION, "v24.0")
                .build();

        Interpretation result = connector.interpret(firstSingleLead(), context);

        assertThat(result).isInstanceOf(Interpretation.Apply.class);
        graph.verify(1, getRequestedFor(urlPathEqualTo("/v24.0/6769383488552307")));
        graph.verify(0, getRequestedFor(urlPathEqualTo("/v21.0/6769383488552307")));
    }

    @Test
    void serverErrorIsRetried() {
        stubLead(aResponse().withStatus(500).withBody(graphError("An unknown error occurred", "OAuthException", 1)));

        assertThat(connector.interpret(firstSingleLead(), context())).isInstanceOf(Interpretation.Retry.class);
    }

    @Test
    void rateLimitIsRetriedNoSoonerThanRetryAfter() {
        stubLead(aResponse().withStatus(429).withHeader("Retry-After", "120").withBody("{}"));

        Interpretation result = connector.interpret(firstSingleLead(), context());

        assertThat(result).isInstanceOf(Interpretation.Retry.class);
        assertThat(((Interpretation.Retry) result).notBefore()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void graphThrottlingCodeOnA400IsRetried() {
        stubLead(aResponse().withStatus(400)
                .withBody(graphError("(#613) Calls to this api have exceeded the rate limit.", "OAuthException", 613)));

        assertThat(connector.interpret(firstSingleLead(), context())).isInstanceOf(Interpretation.Retry.class);
    }

    @Test
    void connectionFailureIsRetried() {
        stubLead(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(connector.interpret(firstSingleLead(), context())).isInstanceOf(Interpretation.Retry.class);
    }

    @Test
    void invalidTokenFailsWithGraphsMessageAndNeverTheToken() {
        String message = "Error validating access token: Session has expired on Sunday, 13-Sep-26 10:00:00 PDT.";
        stubLead(aResponse().withStatus(400).withBody(graphError(message, "OAuthException", 190)));

        Interpretation result = connector.interpret(firstSingleLead(), context());

        assertThat(result).isInstanceOf(Interpretation.Fail.class);
        String reason = ((Interpretation.Fail) result).reason();
        assertThat(reason).contains(message).contains("code 190").doesNotContain(FacebookTestData.PAGE_TOKEN);
    }

    @Test
    void tokenEchoedByGraphIsRedactedFromTheReason() {
        stubLead(aResponse().withStatus(400)
                .withBody(graphError("Malformed access token " + FacebookTestData.PAGE_TOKEN, "OAuthException", 190)));

        Interpretation result = connector.interpret(firstSingleLead(), context());

        assertThat(((Interpretation.Fail) result).reason()).doesNotContain(FacebookTestData.PAGE_TOKEN).contains("[redacted]");
    }

    @Test
    void missingLeadFails() {
        String message = "Unsupported get request. Object with ID '6769383488552307' does not exist, cannot be loaded"
                + " due to missing permissions, or does not support this operation.";
        stubLead(aResponse().withStatus(400).withBody(graphError(message, "GraphMethodException", 100)));

        Interpretation result = connector.interpret(firstSingleLead(), context());

        assertThat(result).isInstanceOf(Interpretation.Fail.class);
        assertThat(((Interpretation.Fail) result).reason()).contains(message).contains("code 100");
    }

    @Test
    void leadWithNeitherEmailNorPhoneBecomesAnIncident() {
        stubLead(aResponse().withStatus(200).withBody("""
                {"id":"6769383488552307","form_id":"1287403956214587","created_time":"2026-09-14T04:41:07+0000",
                 "field_data":[{"name":"full_name","values":["Élodie Martin"]},
                               {"name":"phone_number","values":["not a number"]},
                               {"name":"quel_est_votre_projet_?","values":["loisir"]}]}"""));

        Interpretation result = connector.interpret(firstSingleLead(), context());

        assertThat(result).isInstanceOf(Interpretation.Apply.class);
        List<?> commands = ((Interpretation.Apply) result).commands();
        assertThat(commands).singleElement().isInstanceOf(LogIncident.class);
        LogIncident incident = (LogIncident) commands.get(0);
        assertThat(incident.kind()).isEqualTo("facebook.lead_without_contact");
        assertThat(incident.severity()).isEqualTo(Severity.WARNING);
        assertThat(incident.summary()).contains("6769383488552307").contains("neither");
        assertThat(incident.details()).containsEntry("leadgen_id", "6769383488552307")
                .containsEntry("questions", List.of("full_name", "phone_number", QUESTION));
    }

    @Test
    void nationalPhoneNumberUsesTheDefaultCallingCodeAndSplitNamesWin() {
        stubLead(aResponse().withStatus(200).withBody("""
                {"id":"6769383488552307","field_data":[
                 {"name":"first_name","values":["Jean-Luc"]},{"name":"last_name","values":["de La Tour"]},
                 {"name":"phone_number","values":["06 39 98 01 01"]},
                 {"name":"creneaux","values":["matin","soir"]}]}"""));
        FakeConnectorContext context = FacebookTestData.configured()
                .apiBaseUrl(graph.baseUrl())
                .setting(FacebookLeadAdsConnector.DEFAULT_COUNTRY_CODE, "+33")
                .build();

        CreateLead lead = (CreateLead) ((Interpretation.Apply) connector.interpret(firstSingleLead(), context))
                .commands().get(0);

        assertThat(lead.contact()).isEqualTo(ContactRef.byPhone("+33639980101"));
        assertThat(lead.details()).isEqualTo(ContactDetails.name("Jean-Luc", "de La Tour"));
        assertThat(lead.leadData()).containsEntry("creneaux", List.of("matin", "soir"))
                .containsEntry("form_id", FORM)
                .containsEntry("created_time", "2026-09-14T04:41:07Z");
    }

    @Test
    void leadForAnotherPageIsIgnoredWithoutCallingGraph() {
        FakeConnectorContext context = FacebookTestData.configured()
                .apiBaseUrl(graph.baseUrl())
                .setting(FacebookLeadAdsConnector.PAGE_ID, "999999999999999")
                .build();

        Interpretation result = connector.interpret(firstSingleLead(), context);

        assertThat(result).isInstanceOf(Interpretation.Ignore.class);
        assertThat(((Interpretation.Ignore) result).reason()).contains("108523746190284").contains("999999999999999");
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    @Test
    void otherPageFieldsAreIgnored() {
        StoredDelivery feed = new StoredDelivery("dlv-1", "feed:abc", "feed", Instant.parse("2026-09-14T04:41:07Z"),
                Instant.parse("2026-09-14T04:41:08Z"), "{\"entry_id\":\"1\",\"field\":\"feed\",\"value\":{}}".getBytes(StandardCharsets.UTF_8), 1);

        Interpretation result = connector.interpret(feed, context());

        assertThat(result).isInstanceOf(Interpretation.Ignore.class);
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    private FakeConnectorContext context() {
        return FacebookTestData.configured().apiBaseUrl(graph.baseUrl()).build();
    }

    private static StoredDelivery firstSingleLead() {
        return FacebookTestData.stored(FacebookTestData.verifiedEvents(FacebookTestData.SINGLE).get(0));
    }

    private static void stubLead(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        graph.stubFor(get(urlPathEqualTo("/v21.0/6769383488552307")).willReturn(response));
    }

    private static String graphError(String message, String type, int code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":" + code
                + ",\"fbtrace_id\":\"AbCdEfGh123\"}}";
    }
}
