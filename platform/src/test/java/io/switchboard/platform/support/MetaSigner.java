package io.switchboard.platform.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Meta's scheme (no SDK helper in Java): {@code X-Hub-Signature-256: sha256=} hex HMAC-SHA256 of the raw body. */
public final class MetaSigner {

    private MetaSigner() {}

    /** Headers of a Meta webhook POST of the body signed with the app secret. */
    public static Map<String, String> headers(byte[] body, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Map.of("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)),
                    "Content-Type", "application/json");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
