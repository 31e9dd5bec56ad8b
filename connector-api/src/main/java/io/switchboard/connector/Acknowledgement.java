package io.switchboard.connector;

/**
 * What the platform answers the provider once a request is durably stored.
 *
 * @param status the HTTP status, 2xx
 * @param contentType the response's content type
 * @param body the response body
 */
public record Acknowledgement(int status, String contentType, String body) {

    public Acknowledgement {
        if (status < 200 || status > 299) {
            throw new IllegalArgumentException("an acknowledgement is a 2xx answer");
        }
    }

    /** {@code 200} with a small JSON body: what most providers expect. */
    public static Acknowledgement ok() {
        return new Acknowledgement(200, "application/json", "{\"received\":true}");
    }
}
