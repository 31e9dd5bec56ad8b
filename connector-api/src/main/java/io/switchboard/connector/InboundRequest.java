package io.switchboard.connector;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A webhook request exactly as it arrived, before anything trusted it.
 *
 * @param method the HTTP method
 * @param publicUrl the full URL the provider called, as seen from outside (scheme, host and path of the
 *     platform's public base URL, plus the query string); what Twilio signs
 * @param query the query parameters
 * @param headers the request headers, names matched case-insensitively
 * @param body the raw body bytes, exactly as received
 */
public record InboundRequest(
        String method, String publicUrl, Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body) {

    public InboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(publicUrl, "publicUrl");
        query = Map.copyOf(query);
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = copy;
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The media type of the body without parameters, lower case; empty when absent. */
    public String mediaType() {
        return header("Content-Type").map(v -> v.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT)).orElse("");
    }

    /** Never prints the body or header values. */
    @Override
    public String toString() {
        return "InboundRequest[" + method + " " + publicUrl + ", " + body.length + " bytes]";
    }
}
