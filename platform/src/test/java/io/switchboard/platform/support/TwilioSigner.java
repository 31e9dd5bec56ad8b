package io.switchboard.platform.support;

import com.twilio.security.RequestValidator;
import io.switchboard.connector.FormBody;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Twilio test webhooks as Twilio does: base64 of the HMAC-SHA1, keyed with the auth token, of the URL
 * Twilio called followed by every form parameter name and value in name order. twilio-java 13 keeps its own
 * signing method private, so every signature made here is checked with its public {@link RequestValidator}
 * before use: a test can never pass on a signature Twilio's own code would refuse.
 */
public final class TwilioSigner {

    /** The public base URL of the test profile ({@code switchboard.public-base-url}): Twilio signs that URL. */
    public static final String PUBLIC_BASE_URL = "https://switchboard.test";

    private TwilioSigner() {}

    /** The public URL Twilio calls for the tenant's inbound SMS. */
    public static String webhookUrl(String slug) {
        return PUBLIC_BASE_URL + "/webhooks/" + slug + "/sms";
    }

    /** Headers of a Twilio delivery of the form body to the tenant's public SMS webhook URL. */
    public static Map<String, String> headers(String slug, byte[] body, String authToken) {
        return headersFor(webhookUrl(slug), body, authToken);
    }

    /** Headers of a Twilio delivery of the form body signed for the given URL. */
    public static Map<String, String> headersFor(String url, byte[] body, String authToken) {
        return Map.of("X-Twilio-Signature", sign(url, body, authToken),
                "Content-Type", "application/x-www-form-urlencoded");
    }

    /** The {@code X-Twilio-Signature} of the body posted to the URL. */
    public static String sign(String url, byte[] body, String authToken) {
        Map<String, String> params = FormBody.parse(body).firstValues();
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        String signature;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            signature = Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (!new RequestValidator(authToken).validate(url, params, signature)) {
            throw new IllegalStateException("twilio-java's RequestValidator refuses the test signature for " + url);
        }
        return signature;
    }
}
