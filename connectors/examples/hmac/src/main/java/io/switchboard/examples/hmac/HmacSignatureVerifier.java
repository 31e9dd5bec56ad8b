package io.switchboard.examples.hmac;

import io.switchboard.connector.InboundRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's HMAC signature the way the tenant's settings describe it, before anything reads the
 * body. Signatures are compared in constant time; a signed timestamp must be within the tolerance of the
 * clock, so a captured request cannot be replayed later.
 */
final class HmacSignatureVerifier {

    private static final Pattern UNIX_TIME = Pattern.compile("\\d{1,13}");
    /** Values from here on are milliseconds: as seconds they would be past the year 5000. */
    private static final long FIRST_MILLIS_VALUE = 100_000_000_000L;

    private HmacSignatureVerifier() {}

    /**
     * Verifies the request.
     *
     * @return empty when it is authentic, else why not (never the secret, the signature or the body)
     */
    static Optional<String> problem(InboundRequest request, HmacSettings settings, String secret, Clock clock) {
        Optional<String> header = request.header(settings.signatureHeader());
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.of(settings.signatureHeader() + " header missing");
        }
        String value = header.get().trim();
        String prefix = settings.signaturePrefix();
        if (!prefix.isEmpty()) {
            if (!value.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
                return Optional.of(settings.signatureHeader() + " header does not start with " + prefix);
            }
            value = value.substring(prefix.length()).trim();
        }
        byte[] given;
        try {
            given = settings.encoding().decode(value);
        } catch (IllegalArgumentException e) {
            return Optional.of(settings.signatureHeader() + " header is not "
                    + settings.encoding().name().toLowerCase(Locale.ROOT));
        }
        Optional<Instant> signedAt = Optional.empty();
        byte[] signed = request.body();
        if (settings.signedContent() == SignedContent.TIMESTAMP_AND_BODY) {
            Optional<String> timestamp = request.header(settings.timestampHeader()).map(String::trim);
            if (timestamp.isEmpty() || !UNIX_TIME.matcher(timestamp.get()).matches()) {
                return Optional.of(settings.timestampHeader() + " header is not a Unix time");
            }
            signedAt = Optional.of(toInstant(timestamp.get()));
            signed = timestampAndBody(timestamp.get(), request.body());
        }
        byte[] expected = hmac(settings.algorithm(), secret, signed);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.of("signature mismatch");
        }
        if (signedAt.isPresent()) {
            Duration skew = Duration.between(signedAt.get(), clock.instant()).abs();
            if (skew.compareTo(settings.tolerance()) > 0) {
                return Optional.of("signed timestamp is " + skew.toSeconds() + " s away from now (tolerance "
                        + settings.tolerance().toSeconds() + " s)");
            }
        }
        return Optional.empty();
    }

    /** The time the provider signed, when the scheme signs one and the header holds a Unix time. */
    static Optional<Instant> signedAt(InboundRequest request, HmacSettings settings) {
        if (settings.signedContent() != SignedContent.TIMESTAMP_AND_BODY) {
            return Optional.empty();
        }
        return request.header(settings.timestampHeader()).map(String::trim)
                .filter(t -> UNIX_TIME.matcher(t).matches())
                .map(HmacSignatureVerifier::toInstant);
    }

    /** The HMAC of the data with the secret's UTF-8 bytes as key. */
    static byte[] hmac(HmacAlgorithm algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm.jcaName()));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is not available in this JDK", e);
        }
    }

    /** What a timestamp scheme signs: the header value as sent, a dot, the raw body. */
    static byte[] timestampAndBody(String timestamp, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(timestamp.length() + 1 + body.length);
        out.writeBytes(timestamp.getBytes(StandardCharsets.US_ASCII));
        out.write('.');
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static Instant toInstant(String unixTime) {
        long value = Long.parseLong(unixTime);
        return value >= FIRST_MILLIS_VALUE ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }
}
