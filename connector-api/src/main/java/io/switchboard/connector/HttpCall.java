package io.switchboard.connector;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An outgoing HTTP request.
 *
 * @param method the HTTP method
 * @param uri the absolute URI
 * @param headers request headers
 * @param body the request body, empty for none
 * @param timeout how long the whole exchange may take
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {

    /** The time limit used when a call does not choose one. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A GET without headers. */
    public static HttpCall get(URI uri) {
        return new HttpCall("GET", uri, Map.of(), new byte[0], DEFAULT_TIMEOUT);
    }

    /** A POST of the given body and content type. */
    public static HttpCall post(URI uri, String contentType, String body) {
        return new HttpCall("POST", uri, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8),
                DEFAULT_TIMEOUT);
    }

    /** This call with one more header. */
    public HttpCall withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpCall(method, uri, copy, body, timeout);
    }

    /** This call with HTTP Basic credentials. */
    public HttpCall withBasicAuth(String user, String password) {
        String token = java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return withHeader("Authorization", "Basic " + token);
    }

    /** This call with another time limit. */
    public HttpCall withTimeout(Duration newTimeout) {
        return new HttpCall(method, uri, headers, body, newTimeout);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Never prints header values: they may hold credentials. */
    @Override
    public String toString() {
        return "HttpCall[" + method + " " + uri + ", headers=" + headers.keySet() + "]";
    }
}
