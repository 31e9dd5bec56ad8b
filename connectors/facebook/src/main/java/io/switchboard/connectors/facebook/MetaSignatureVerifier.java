package io.switchboard.connectors.facebook;

import io.switchboard.connector.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Meta's {@code X-Hub-Signature-256} header: {@code sha256=} followed by the hex HMAC-SHA256 of the
 * raw body, keyed with the app secret.
 */
final class MetaSignatureVerifier {

    static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";
    private static final int SHA256_HEX_LENGTH = 64;

    private MetaSignatureVerifier() {}

    /**
     * Verifies the request's signature.
     *
     * @return empty when the signature is valid, else why it is not (never the secret or the body)
     */
    static Optional<String> problem(InboundRequest request, String appSecret) {
        Optional<String> header = request.header(HEADER);
        if (header.isEmpty()) {
            return Optional.of(HEADER + " header missing");
        }
        String value = header.get().trim();
        if (!value.startsWith(PREFIX) || value.length() != PREFIX.length() + SHA256_HEX_LENGTH) {
            return Optional.of(HEADER + " header is not sha256=<64 hex digits>");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.of(HEADER + " header is not sha256=<64 hex digits>");
        }
        byte[] expected = hmacSha256(appSecret, request.body());
        return MessageDigest.isEqual(expected, given) ? Optional.empty() : Optional.of("signature mismatch");
    }

    private static byte[] hmacSha256(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
