package io.switchboard.connectors.acuity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Acuity-Signature}: the base64 HMAC-SHA256 of the raw request body, keyed with the
 * account's API key.
 */
final class AcuitySignatureVerifier {

    static final String HEADER = "X-Acuity-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private AcuitySignatureVerifier() {}

    /** Whether the header value is the signature of the body under the key, compared in constant time. */
    static boolean isValid(byte[] body, String headerValue, String apiKey) {
        if (headerValue == null || headerValue.isBlank() || apiKey == null || apiKey.isEmpty()) {
            return false;
        }
        byte[] expected = Base64.getEncoder().encode(hmac(apiKey, body));
        byte[] given = headerValue.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    /** The header value Acuity sends for the body under the key. */
    static String sign(byte[] body, String apiKey) {
        return Base64.getEncoder().encodeToString(hmac(apiKey, body));
    }

    private static byte[] hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory on every JVM and any non-empty key is valid, so this cannot happen.
            throw new IllegalStateException(e);
        }
    }
}
