package io.switchboard.connectors.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.HandshakeResponse;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import io.switchboard.connector.testkit.InboundRequests;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FacebookHandshakeTest {

    private final FacebookLeadAdsConnector connector = new FacebookLeadAdsConnector();

    @Test
    void rightVerifyTokenEchoesTheChallengeAsPlainText() {
        HandshakeResponse response = answer(fixtureQuery(), FacebookTestData.configured().build());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/plain");
        assertThat(response.body()).isEqualTo("1158201444");
    }

    @Test
    void wrongVerifyTokenIsForbidden() {
        Map<String, String> query = fixtureQuery();
        query.put("hub.verify_token", "atelier-lumiere-verify-7Qp3");

        HandshakeResponse response = answer(query, FacebookTestData.configured().build());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("1158201444");
    }

    @Test
    void modeOtherThanSubscribeIsForbidden() {
        Map<String, String> query = fixtureQuery();
        query.put("hub.mode", "unsubscribe");

        assertThat(answer(query, FacebookTestData.configured().build()).status()).isEqualTo(403);
    }

    @Test
    void missingVerifyTokenInTheRequestIsForbidden() {
        Map<String, String> query = fixtureQuery();
        query.remove("hub.verify_token");

        assertThat(answer(query, FacebookTestData.configured().build()).status()).isEqualTo(403);
    }

    @Test
    void connectionWithoutVerifyTokenForbidsEveryHandshake() {
        FakeConnectorContext unconfigured = FakeConnectorContext.builder()
                .secret(FacebookLeadAdsConnector.APP_SECRET, FacebookTestData.APP_SECRET)
                .build();

        assertThat(answer(fixtureQuery(), unconfigured).status()).isEqualTo(403);
    }

    @Test
    void missingChallengeIsABadRequest() {
        Map<String, String> query = fixtureQuery();
        query.remove("hub.challenge");

        assertThat(answer(query, FacebookTestData.configured().build()).status()).isEqualTo(400);
    }

    private HandshakeResponse answer(Map<String, String> query, FakeConnectorContext context) {
        InboundRequests request = InboundRequests.get().url(FacebookTestData.URL);
        query.forEach(request::query);
        InboundRequest built = request.build();
        return connector.handshake(built, context).orElseThrow();
    }

    /** The parameters of Meta's verification GET, decoded from the fixture's raw query string. */
    private static Map<String, String> fixtureQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : Fixtures.text("meta/leadgen/verification_get_query.txt").trim().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }
}
