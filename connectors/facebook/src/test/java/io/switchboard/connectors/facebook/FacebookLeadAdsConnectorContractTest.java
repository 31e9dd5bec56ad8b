package io.switchboard.connectors.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import io.switchboard.connector.testkit.InboundRequests;
import io.switchboard.connector.testkit.Signatures;
import io.switchboard.connector.testkit.WebhookConnectorContractTest;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The connector contract for Facebook Lead Ads: a {@code leadgen} webhook with two leads, signed with the
 * tenant's app secret, and a local Graph API that serves both leads.
 */
class FacebookLeadAdsConnectorContractTest extends WebhookConnectorContractTest {

    private static final WireMockServer GRAPH = new WireMockServer(options().dynamicPort());

    @BeforeAll
    static void startGraph() {
        GRAPH.start();
    }

    @AfterAll
    static void stopGraph() {
        GRAPH.stop();
    }

    @BeforeEach
    void serveTheLeads() {
        GRAPH.resetAll();
        for (String leadId : new String[] {"7840306769899684", "9694752536249677"}) {
            GRAPH.stubFor(get(urlPathEqualTo("/" + FacebookLeadAdsConnector.DEFAULT_GRAPH_API_VERSION + "/" + leadId))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(Fixtures.bytes("meta/leadgen/graph_get_lead_" + leadId + ".json"))));
        }
    }

    @Override
    protected WebhookConnector connector() {
        return new FacebookLeadAdsConnector();
    }

    @Override
    protected FakeConnectorContext.Builder contextBuilder() {
        return FakeConnectorContext.builder()
                .tenant("atelier-lumiere")
                .secret(FacebookLeadAdsConnector.APP_SECRET, "contract-app-secret-0c4f9e2b7a")
                .secret(FacebookLeadAdsConnector.PAGE_ACCESS_TOKEN, "EAAGcontractPageToken42")
                .secret(FacebookLeadAdsConnector.VERIFY_TOKEN, "contract-verify-token")
                .setting(FacebookLeadAdsConnector.PAGE_ID, "108523746190284")
                .apiBaseUrl(GRAPH.baseUrl());
    }

    @Override
    protected InboundRequest validRequest(FakeConnectorContext context) {
        return signedRequest(Fixtures.bytes("meta/leadgen/webhook_leadgen_two_changes.json"), context).orElseThrow();
    }

    @Override
    protected Optional<InboundRequest> signedRequest(byte[] body, FakeConnectorContext context) {
        String appSecret = context.config().secret(FacebookLeadAdsConnector.APP_SECRET).orElseThrow();
        return Optional.of(InboundRequests.post()
                .url("https://switchboard.example.com/webhooks/atelier-lumiere/facebook")
                .header("Content-Type", "application/json")
                .header(MetaSignatureVerifier.HEADER, Signatures.metaSignature(appSecret, body))
                .body(body)
                .build());
    }

    @Override
    protected String signatureHeader() {
        return MetaSignatureVerifier.HEADER;
    }
}
