package io.switchboard.connector.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature helpers for the built-in providers' schemes, with the JDK alone, so that a connector for a provider
 * that signs the same way can be tested without that provider's SDK. Each is checked against the provider's own
 * SDK in the bundled connector's tests (stripe-java {@code Webhook.Signature}, twilio-java {@code RequestValidator});
 * where a connector has the SDK at hand anyway, its helper is as good.
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

    /**
     * A {@code Stripe-Signature} value: {@code t=<timestamp>} and one {@code v1} per secret, each the hex
     * HMAC-SHA256 of {@code "<timestamp>.<body>"} keyed with the whole secret ({@code whsec_...}), as Stripe signs
     * for an endpoint with several active secrets (during a roll).
     *
     * @param timestamp the signature time, seconds since the epoch
     */
    public static String stripeSignature(byte[] body, long timestamp, String... secrets) {
        if (secrets.length == 0) {
            throw new IllegalArgumentException("at least one secret");
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        for (String secret : secrets) {
            header.append(",v1=").append(HexFormat.of().formatHex(hmac("HmacSHA256", secret, signed)));
        }
        return header.toString();
    }

    /**
     * An {@code X-Twilio-Signature} value for a form POST: base64 of the HMAC-SHA1, keyed with the auth token, of
     * the full URL Twilio called followed by every parameter's name and value in name order.
     */
    public static String twilioSignature(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
