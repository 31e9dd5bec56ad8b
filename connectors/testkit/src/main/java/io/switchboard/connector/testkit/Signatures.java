package io.switchboard.connector.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature helpers for provider schemes that have no SDK helper. Prefer the provider's own helper where one
 * exists (stripe-java {@code Webhook.Signature}, twilio-java {@code RequestValidator}).
 */
public final class Signatures {

    private Signatures() {}

    /** HMAC of the bytes with the key, algorithm such as {@code HmacSHA256}. */
    public static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Meta's {@code X-Hub-Signature-256} value: {@code sha256=} and the hex HMAC-SHA256 of the body. */
    public static String metaSignature(String appSecret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, body));
    }

    /** Acuity's {@code X-Acuity-Signature} value: base64 HMAC-SHA256 of the body with the API key. */
    public static String acuitySignature(String apiKey, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA256", apiKey, body));
    }
}
