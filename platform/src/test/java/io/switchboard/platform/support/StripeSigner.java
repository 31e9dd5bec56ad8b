package io.switchboard.platform.support;

import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Signs Stripe test webhooks with stripe-java's own helper. */
public final class StripeSigner {

    private StripeSigner() {}

    /** Headers of a Stripe delivery of the body signed with the secret now. */
    public static Map<String, String> headers(byte[] body, String secret) {
        return headers(body, secret, Instant.now().getEpochSecond());
    }

    /** Headers of a Stripe delivery of the body signed with the secret at the given time. */
    public static Map<String, String> headers(byte[] body, String secret, long timestamp) {
        try {
            String signature = Webhook.Signature.generateSignatureHeader(new String(body, StandardCharsets.UTF_8), secret, timestamp);
            return Map.of("Stripe-Signature", signature, "Content-Type", "application/json");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
