package io.switchboard.connectors.facebook;

import com.google.gson.JsonObject;
import io.switchboard.connector.HttpResult;
import io.switchboard.connector.Interpretation;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A Graph API error answer ({@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}) and
 * whether waiting can cure it.
 *
 * @param status the HTTP status
 * @param code Graph's error code, 0 when absent
 * @param subcode Graph's error subcode, 0 when absent
 * @param type the error type, for example {@code OAuthException}, or empty
 * @param message Graph's message, or empty
 * @param traceId Graph's {@code fbtrace_id} for a support request, or empty
 * @param transientFlag Graph's own {@code is_transient} hint
 */
record GraphError(int status, long code, long subcode, String type, String message, String traceId, boolean transientFlag) {

    /**
     * Unknown/service errors (1, 2), application, user and page request limits (4, 17, 32), application limit
     * reached (341) and call-count throttling (613): documented as temporary by Meta.
     */
    private static final Set<Long> TEMPORARY_CODES = Set.of(1L, 2L, 4L, 17L, 32L, 341L, 613L);
    /** Business Use Case rate limits (80000 to 80014), which Lead Ads retrieval is subject to. */
    private static final long BUSINESS_USE_CASE_LIMIT_FIRST = 80000L;
    private static final long BUSINESS_USE_CASE_LIMIT_LAST = 80014L;
    private static final int MAX_MESSAGE_LENGTH = 300;

    static GraphError from(int status, Optional<JsonObject> body) {
        Optional<JsonObject> error = body.flatMap(b -> StrictJson.object(b, "error"));
        if (error.isEmpty()) {
            return new GraphError(status, 0, 0, "", "", "", false);
        }
        JsonObject e = error.get();
        return new GraphError(
                status,
                StrictJson.number(e, "code").orElse(0L),
                StrictJson.number(e, "error_subcode").orElse(0L),
                StrictJson.text(e, "type").orElse(""),
                StrictJson.text(e, "message").orElse(""),
                StrictJson.text(e, "fbtrace_id").orElse(""),
                e.has("is_transient") && e.get("is_transient").isJsonPrimitive()
                        && "true".equals(e.get("is_transient").getAsString()));
    }

    /** Whether a later attempt may succeed. */
    boolean isTemporary() {
        return status == 408 || status == 425 || status == 429 || status >= 500
                || TEMPORARY_CODES.contains(code)
                || (code >= BUSINESS_USE_CASE_LIMIT_FIRST && code <= BUSINESS_USE_CASE_LIMIT_LAST)
                || transientFlag;
    }

    /** Retry for temporary errors (after any {@code Retry-After}), fail for the rest. */
    Interpretation toInterpretation(HttpResult result, String pageAccessToken) {
        String reason = describe(pageAccessToken);
        if (isTemporary()) {
            return new Interpretation.Retry(reason, result.retryAfter().orElse(Duration.ZERO));
        }
        return Interpretation.fail(reason);
    }

    /** A readable reason for the delivery and the incident; the token is cut out should Graph ever echo it. */
    String describe(String pageAccessToken) {
        StringBuilder reason = new StringBuilder("Graph API answered ").append(status);
        if (code == 190) {
            reason.append(": the page access token is invalid or expired");
        } else if (code == 100) {
            reason.append(": the lead does not exist or the token may not read it");
        }
        if (!message.isEmpty()) {
            String safe = pageAccessToken.isEmpty() ? message : message.replace(pageAccessToken, "[redacted]");
            if (safe.length() > MAX_MESSAGE_LENGTH) {
                safe = safe.substring(0, MAX_MESSAGE_LENGTH) + "...";
            }
            reason.append(" (Graph: ").append(safe).append(')');
        }
        if (code != 0) {
            reason.append(" [").append(type.isEmpty() ? "error" : type).append(" code ").append(code);
            if (subcode != 0) {
                reason.append(", subcode ").append(subcode);
            }
            if (!traceId.isEmpty()) {
                reason.append(", fbtrace_id ").append(traceId);
            }
            reason.append(']');
        }
        return reason.toString();
    }
}
