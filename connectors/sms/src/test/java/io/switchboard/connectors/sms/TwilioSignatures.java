package io.switchboard.connectors.sms;

import io.switchboard.connector.testkit.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes {@code X-Twilio-Signature} values for tests. twilio-java 13.0.1 keeps its signing method private
 * ({@code RequestValidator.getValidationSignature}); this follows Twilio's published scheme: base64 of the
 * HMAC-SHA1, keyed with the auth token, of the URL followed by every parameter name and value in name order.
 * {@link TwilioSignaturesTest} pins it to twilio-java's own test vector and validator.
 */
final class TwilioSignatures {

    private TwilioSignatures() {}

    static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        byte[] mac = Signatures.hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac);
    }
}
