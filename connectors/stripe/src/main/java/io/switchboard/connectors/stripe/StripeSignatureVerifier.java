package io.switchboard.connectors.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks a {@code Stripe-Signature} header with stripe-java against each of a tenant's active webhook
 * secrets. Stripe signs {@code "<t>.<body>"} with HMAC-SHA256 and sends one {@code v1} per active secret;
 * stripe-java compares in constant time and rejects timestamps older than the tolerance. Timestamps too far
 * in the future are rejected here, because stripe-java accepts them.
 */
final class StripeSignatureVerifier {

    /** How far the signature time may be from "now", either way. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** The outcome of a check; {@code reason} says why it failed and never carries a secret. */
    record Result(boolean valid, String reason) {
        static Result ok() {
            return new Result(true, "");
        }

        static Result invalid(String reason) {
            return new Result(false, reason);
        }
    }

    private StripeSignatureVerifier() {}

    /**
     * Checks the header for the payload.
     *
     * @param payload the request body, exactly as received, decoded as UTF-8
     * @param header the {@code Stripe-Signature} header value
     * @param secrets the active secrets, current first
     * @param clock where "now" comes from
     */
    static Result check(String payload, String header, List<String> secrets, Clock clock) {
        if (secrets.isEmpty()) {
            return Result.invalid("no Stripe webhook secret is configured");
        }
        String failure = "";
        for (String secret : secrets) {
            try {
                Webhook.Signature.verifyHeader(payload, header, secret, TOLERANCE.toSeconds(), clock);
                return notFromTheFuture(header, clock);
            } catch (SignatureVerificationException e) {
                // stripe-java's messages are fixed texts; the header itself is kept apart in the exception.
                failure = e.getMessage();
            } catch (RuntimeException e) {
                // stripe-java splits the header without guarding: "t" alone, or a non-numeric t, lands here.
                return Result.invalid("malformed Stripe-Signature header");
            }
        }
        return Result.invalid(failure);
    }

    private static Result notFromTheFuture(String header, Clock clock) {
        Optional<Long> timestamp = timestamp(header);
        long nowSeconds = clock.millis() / 1000;
        if (timestamp.isEmpty()) {
            return Result.invalid("malformed Stripe-Signature header");
        }
        if (timestamp.get() > nowSeconds + TOLERANCE.toSeconds()) {
            return Result.invalid("Timestamp outside the tolerance zone");
        }
        return Result.ok();
    }

    /** The first {@code t=} element, read the way stripe-java reads it. */
    private static Optional<Long> timestamp(String header) {
        for (String element : header.split(",", -1)) {
            String[] pair = element.split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                try {
                    return Optional.of(Long.parseLong(pair[1]));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
