package io.switchboard.connectors.facebook;

import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import io.switchboard.connector.testkit.InboundRequests;
import io.switchboard.connector.testkit.Signatures;
import java.time.Instant;
import java.util.List;

/** The tenant's Meta configuration and the fixture requests the tests share. */
final class FacebookTestData {

    static final String APP_SECRET = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6";
    static final String PAGE_TOKEN = "EAAGpageToken0123456789abcdefXYZ";
    static final String VERIFY_TOKEN = "atelier-lumiere-verify-7Qp2";
    static final String PAGE_ID = "108523746190284";
    static final String SINGLE = "meta/leadgen/webhook_leadgen_single.json";
    static final String TWO_CHANGES = "meta/leadgen/webhook_leadgen_two_changes.json";
    static final String URL = "https://switchboard.example.com/webhooks/atelier-lumiere/facebook";

    private FacebookTestData() {}

    /** A context with every secret and setting of a fully configured connection. */
    static FakeConnectorContext.Builder configured() {
        return FakeConnectorContext.builder()
                .tenant("atelier-lumiere")
                .secret(FacebookLeadAdsConnector.APP_SECRET, APP_SECRET)
                .secret(FacebookLeadAdsConnector.PAGE_ACCESS_TOKEN, PAGE_TOKEN)
                .secret(FacebookLeadAdsConnector.VERIFY_TOKEN, VERIFY_TOKEN)
                .setting(FacebookLeadAdsConnector.PAGE_ID, PAGE_ID);
    }

    /** A POST of the body signed the way Meta signs it, with the given app secret. */
    static InboundRequest signedPost(byte[] body, String appSecret) {
        return InboundRequests.post()
                .url(URL)
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", Signatures.metaSignature(appSecret, body))
                .body(body)
                .build();
    }

    /** The events of a fixture webhook, verified with the right secret. */
    static List<ReceivedEvent> verifiedEvents(String fixture) {
        Verification result = new FacebookLeadAdsConnector()
                .verify(signedPost(Fixtures.bytes(fixture), APP_SECRET), configured().build());
        if (!(result instanceof Verification.Verified verified)) {
            throw new AssertionError("fixture " + fixture + " did not verify: " + result);
        }
        return verified.events();
    }

    /** The delivery the platform would store for an event. */
    static StoredDelivery stored(ReceivedEvent event) {
        return new StoredDelivery("dlv-" + event.dedupeKey(), event.dedupeKey(), event.eventType(), event.occurredAt(),
                Instant.parse("2026-09-14T05:00:00Z"), event.payload(), 1);
    }
}
