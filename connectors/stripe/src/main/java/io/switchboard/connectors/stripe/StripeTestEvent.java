package io.switchboard.connectors.stripe;

import com.google.gson.JsonObject;
import com.stripe.net.Webhook;
import io.switchboard.connector.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The signed test event behind the console's "send test event" button. */
final class StripeTestEvent {

    private StripeTestEvent() {}

    static InboundRequest request(String webhookUrl, String secret, Clock clock) {
        long now = clock.instant().getEpochSecond();
        String id = UUID.randomUUID().toString().replace("-", "");
        JsonObject object = new JsonObject();
        object.addProperty("id", "sbtest_" + id);
        object.addProperty("object", "switchboard_test");
        JsonObject data = new JsonObject();
        data.add("object", object);
        JsonObject event = new JsonObject();
        event.addProperty("id", "evt_" + id);
        event.addProperty("object", "event");
        event.addProperty("created", now);
        event.addProperty("livemode", false);
        event.addProperty("type", StripeConnector.TEST_EVENT_TYPE);
        event.add("data", data);
        String body = event.toString();
        String signature;
        try {
            signature = Webhook.Signature.generateSignatureHeader(body, secret, now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
        return new InboundRequest("POST", webhookUrl, Map.of(),
                Map.of("Content-Type", List.of("application/json; charset=utf-8"),
                        StripeConnector.SIGNATURE_HEADER, List.of(signature),
                        "User-Agent", List.of("Switchboard test event")),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
