package io.switchboard.connector;

/**
 * The answer to a provider's GET on the webhook URL (for example Meta's subscription check).
 *
 * @param status the HTTP status
 * @param contentType the response's content type
 * @param body the response body
 */
public record HandshakeResponse(int status, String contentType, String body) {

    /** {@code 200} with a plain-text body. */
    public static HandshakeResponse ok(String body) {
        return new HandshakeResponse(200, "text/plain", body);
    }

    /** {@code 403}: the handshake's token is wrong. */
    public static HandshakeResponse forbidden() {
        return new HandshakeResponse(403, "text/plain", "forbidden");
    }
}
