package io.switchboard.connector;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A response to an {@link HttpCall}.
 *
 * @param status the HTTP status code
 * @param headers response headers, names matched case-insensitively
 * @param body the whole response body
 */
public record HttpResult(int status, Map<String, List<String>> headers, byte[] body) {

    public HttpResult {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = copy;
        body = body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** Whether a later attempt may succeed: 408, 425, 429 and 5xx. */
    public boolean isTransientFailure() {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /** The delay asked for by a {@code Retry-After} header given in seconds, if any. */
    public Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
