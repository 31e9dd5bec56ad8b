package io.switchboard.connectors.facebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.switchboard.connector.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed page webhook behind the console's "send test event" button: one change whose field,
 * {@link #FIELD}, is none of Meta's page fields (those are plain words such as {@code leadgen} or
 * {@code feed}), so it is stored and ignored and no lead is read from the Graph API.
 */
final class FacebookTestEvent {

    /** The change field, and so the event type, of test events. */
    static final String FIELD = "switchboard.test_event";

    private FacebookTestEvent() {}

    static InboundRequest request(String webhookUrl, String appSecret, String pageId, Clock clock) {
        JsonObject value = new JsonObject();
        value.addProperty("test_id", UUID.randomUUID().toString());
        JsonObject change = new JsonObject();
        change.addProperty("field", FIELD);
        change.add("value", value);
        JsonArray changes = new JsonArray();
        changes.add(change);
        JsonObject entry = new JsonObject();
        entry.addProperty("id", pageId);
        entry.addProperty("time", clock.instant().getEpochSecond());
        entry.add("changes", changes);
        JsonArray entries = new JsonArray();
        entries.add(entry);
        JsonObject root = new JsonObject();
        root.addProperty("object", "page");
        root.add("entry", entries);
        byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
        return new InboundRequest("POST", webhookUrl, Map.of(),
                Map.of("Content-Type", List.of("application/json"),
                        MetaSignatureVerifier.HEADER, List.of("sha256=" + hmacSha256Hex(appSecret, body)),
                        "User-Agent", List.of("Switchboard test event")),
                body);
    }

    private static String hmacSha256Hex(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
