package io.switchboard.platform.support;

import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Acuity's scheme (no SDK helper exists): base64 HMAC-SHA256 of the raw body with the API key. */
public final class AcuitySigner {

    private AcuitySigner() {}

    public static Map<String, String> headers(byte[] body, String apiKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return Map.of("X-Acuity-Signature", Base64.getEncoder().encodeToString(mac.doFinal(body)),
                    "Content-Type", "application/x-www-form-urlencoded");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
