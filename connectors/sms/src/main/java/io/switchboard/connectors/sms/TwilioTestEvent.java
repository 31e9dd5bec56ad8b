package io.switchboard.connectors.sms;

import io.switchboard.connector.InboundRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed inbound-SMS form behind the console's "send test event" button.
 *
 * <p>Its marker is the MessageSid: every Twilio SID is two upper-case letters and 32 hex digits (messages
 * {@code SM...} or {@code MM...}), so one starting with the lower-case {@link #MESSAGE_SID_PREFIX} can only
 * come from here. The signature follows Twilio's scheme, which twilio-java's {@code RequestValidator} checks
 * but keeps private: base64 of the HMAC-SHA1, keyed with the auth token, of the URL followed by every
 * parameter name and value in name order.
 */
final class TwilioTestEvent {

    /** The MessageSid prefix of test events. */
    static final String MESSAGE_SID_PREFIX = "sbtest";
    /** The event type test events are stored under. */
    static final String EVENT_TYPE = "switchboard.test_event";

    private TwilioTestEvent() {}

    static boolean isTestMessageSid(String messageSid) {
        return messageSid.startsWith(MESSAGE_SID_PREFIX);
    }

    static InboundRequest request(String webhookUrl, String authToken, String accountSid, String to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", accountSid);
        params.put("MessageSid", MESSAGE_SID_PREFIX + UUID.randomUUID().toString().replace("-", ""));
        params.put("From", "+15005550006");
        params.put("To", to);
        params.put("Body", "Switchboard test event");
        params.put("NumMedia", "0");
        String body = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return new InboundRequest("POST", webhookUrl, Map.of(),
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded"),
                        "X-Twilio-Signature", List.of(sign(authToken, webhookUrl, params)),
                        "User-Agent", List.of("Switchboard test event")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available in this JDK", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
