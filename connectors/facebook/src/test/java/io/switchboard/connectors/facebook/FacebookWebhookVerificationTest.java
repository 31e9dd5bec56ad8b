package io.switchboard.connectors.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.Verification;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import io.switchboard.connector.testkit.InboundRequests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FacebookWebhookVerificationTest {

    private final FacebookLeadAdsConnector connector = new FacebookLeadAdsConnector();
    private final FakeConnectorContext context = FacebookTestData.configured().build();

    @Test
    void validSignatureOverTheExactFixtureBytesIsVerified() {
        byte[] body = Fixtures.bytes(FacebookTestData.SINGLE);

        Verification result = connector.verify(FacebookTestData.signedPost(body, FacebookTestData.APP_SECRET), context);

        assertThat(result).isInstanceOf(Verification.Verified.class);
        assertThat(((Verification.Verified) result).acknowledgement().status()).isEqualTo(200);
    }

    @Test
    void tamperedBodyIsRejected() {
        byte[] body = Fixtures.bytes(FacebookTestData.SINGLE);
        InboundRequest signed = FacebookTestData.signedPost(body, FacebookTestData.APP_SECRET);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("6769383488552307", "6769383488552308")
                .getBytes(StandardCharsets.UTF_8);

        Verification result = connector.verify(withBody(signed, tampered), context);

        assertThat(result).isEqualTo(Verification.rejected("signature mismatch"));
    }

    @Test
    void missingSignatureIsRejected() {
        InboundRequest unsigned = InboundRequests.post()
                .header("Content-Type", "application/json")
                .body(Fixtures.bytes(FacebookTestData.SINGLE))
                .build();

        Verification result = connector.verify(unsigned, context);

        assertThat(result).isInstanceOf(Verification.Rejected.class);
        assertThat(((Verification.Rejected) result).reason()).contains("missing");
    }

    @Test
    void signatureMadeWithAnotherAppSecretIsRejected() {
        byte[] body = Fixtures.bytes(FacebookTestData.SINGLE);

        Verification result = connector.verify(FacebookTestData.signedPost(body, "another-apps-secret"), context);

        assertThat(result).isEqualTo(Verification.rejected("signature mismatch"));
    }

    @Test
    void malformedSignatureHeadersAreRejectedNotThrown() {
        byte[] body = Fixtures.bytes(FacebookTestData.SINGLE);
        for (String header : List.of("", "sha256=", "sha1=0123", "sha256=" + "zz".repeat(32), "sha256=" + "ab".repeat(33))) {
            InboundRequest request = InboundRequests.post().header("X-Hub-Signature-256", header).body(body).build();

            assertThat(connector.verify(request, context)).as(header).isInstanceOf(Verification.Rejected.class);
        }
    }

    @Test
    void connectionWithoutAppSecretRejectsEverything() {
        byte[] body = Fixtures.bytes(FacebookTestData.SINGLE);
        FakeConnectorContext noSecret = FakeConnectorContext.builder().build();

        Verification result = connector.verify(FacebookTestData.signedPost(body, FacebookTestData.APP_SECRET), noSecret);

        assertThat(result).isEqualTo(Verification.rejected("appSecret is not configured"));
    }

    @Test
    void signedBodiesThatAreNotUsablePageWebhooksAreRejected() {
        for (String body : List.of("not json", "\"page\"", "{\"object\":\"page\"} trailing", "{\"object\":\"user\",\"entry\":[]}",
                "{\"object\":\"page\",\"entry\":[]}", "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":1}]}",
                "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"leadgen\",\"value\":{}}]}]}",
                "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"leadgen\",\"value\":{\"leadgen_id\":\"../me\"}}]}]}")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

            Verification result = connector.verify(FacebookTestData.signedPost(bytes, FacebookTestData.APP_SECRET), context);

            assertThat(result).as(body).isInstanceOf(Verification.Rejected.class);
        }
    }

    @Test
    void twoChangesInOnePostBecomeTwoLeadgenEvents() {
        List<ReceivedEvent> events = FacebookTestData.verifiedEvents(FacebookTestData.TWO_CHANGES);

        assertThat(events).extracting(ReceivedEvent::dedupeKey).containsExactly("7840306769899684", "9694752536249677");
        assertThat(events).extracting(ReceivedEvent::eventType).containsOnly("leadgen");
        assertThat(events).extracting(ReceivedEvent::occurredAt)
                .containsExactly(Instant.parse("2026-09-14T04:51:18Z"), Instant.parse("2026-09-14T04:51:20Z"));
    }

    @Test
    void singleChangeBecomesOneEventWhosePayloadKeepsTheValueAndTheEntry() {
        List<ReceivedEvent> events = FacebookTestData.verifiedEvents(FacebookTestData.SINGLE);

        assertThat(events).hasSize(1);
        ReceivedEvent event = events.get(0);
        assertThat(event.dedupeKey()).isEqualTo("6769383488552307");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-09-14T04:41:07Z"));
        JsonObject payload = JsonParser.parseString(new String(event.payload(), StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(payload.get("entry_id").getAsString()).isEqualTo("108523746190284");
        assertThat(payload.get("field").getAsString()).isEqualTo("leadgen");
        JsonObject value = payload.getAsJsonObject("value");
        assertThat(value.get("leadgen_id").getAsString()).isEqualTo("6769383488552307");
        assertThat(value.get("page_id").getAsString()).isEqualTo("108523746190284");
        assertThat(value.get("form_id").getAsString()).isEqualTo("1287403956214587");
        assertThat(value.get("ad_id").getAsString()).isEqualTo("120214876530120045");
        assertThat(value.get("created_time").getAsLong()).isEqualTo(1789360867L);
    }

    @Test
    void redeliveryGivesTheSameDedupeKeysAndPayloads() {
        List<ReceivedEvent> first = FacebookTestData.verifiedEvents(FacebookTestData.TWO_CHANGES);
        List<ReceivedEvent> again = FacebookTestData.verifiedEvents(FacebookTestData.TWO_CHANGES);

        assertThat(again).extracting(ReceivedEvent::dedupeKey)
                .containsExactlyElementsOf(first.stream().map(ReceivedEvent::dedupeKey).toList());
        for (int i = 0; i < first.size(); i++) {
            assertThat(Arrays.equals(first.get(i).payload(), again.get(i).payload())).isTrue();
        }
    }

    @Test
    void leadRedeliveredAloneKeepsTheKeyItHadInABatch() {
        String batched = FacebookTestData.verifiedEvents(FacebookTestData.TWO_CHANGES).get(1).dedupeKey();
        String alone = """
                {"object":"page","entry":[{"id":"108523746190284","time":1789361999,"changes":[{"field":"leadgen",
                "value":{"leadgen_id":"9694752536249677","page_id":"108523746190284","created_time":1789361480}}]}]}""";

        List<ReceivedEvent> events = verified(alone);

        assertThat(events).extracting(ReceivedEvent::dedupeKey).containsExactly(batched);
    }

    @Test
    void otherPageFieldsAreKeptUnderTheirFieldNameWithAStableHashKey() {
        String body = """
                {"object":"page","entry":[{"id":"108523746190284","time":1789361482,"changes":[
                {"field":"feed","value":{"item":"status","verb":"add","post_id":"108523746190284_1"}},
                {"field":"feed","value":{"item":"status","verb":"add","post_id":"108523746190284_2"}}]}]}""";

        List<ReceivedEvent> events = verified(body);
        List<ReceivedEvent> again = verified(body);

        assertThat(events).extracting(ReceivedEvent::eventType).containsExactly("feed", "feed");
        assertThat(events).extracting(ReceivedEvent::dedupeKey).allMatch(key -> key.matches("feed:[0-9a-f]{64}"));
        assertThat(events.get(0).dedupeKey()).isNotEqualTo(events.get(1).dedupeKey());
        assertThat(again).extracting(ReceivedEvent::dedupeKey)
                .containsExactly(events.get(0).dedupeKey(), events.get(1).dedupeKey());
        assertThat(events.get(0).occurredAt()).isEqualTo(Instant.ofEpochSecond(1789361482L));
    }

    private List<ReceivedEvent> verified(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Verification result = connector.verify(FacebookTestData.signedPost(bytes, FacebookTestData.APP_SECRET), context);
        assertThat(result).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) result).events();
    }

    private static InboundRequest withBody(InboundRequest request, byte[] body) {
        return new InboundRequest(request.method(), request.publicUrl(), request.query(), request.headers(), body);
    }
}
