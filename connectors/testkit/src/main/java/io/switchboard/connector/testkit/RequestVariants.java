package io.switchboard.connector.testkit;

import io.switchboard.connector.InboundRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Altered copies of an {@link InboundRequest}: another body, a header changed or removed, one byte or
 * character flipped. The contract tests build tampered requests with these; connector authors can use them
 * in their own tests, for example when overriding
 * {@link WebhookConnectorContractTest#requestsWithBrokenSignatures(InboundRequest)}.
 */
public final class RequestVariants {

    private RequestVariants() {}

    /** The request with another body; method, URL, query and headers unchanged. */
    public static InboundRequest withBody(InboundRequest request, byte[] body) {
        return new InboundRequest(request.method(), request.publicUrl(), request.query(), request.headers(), body);
    }

    /** The request with the header set to a single value, replacing any value it had. */
    public static InboundRequest withHeader(InboundRequest request, String name, String value) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.put(name, List.of(value));
        return new InboundRequest(request.method(), request.publicUrl(), request.query(), headers, request.body());
    }

    /** The request without the header. */
    public static InboundRequest withoutHeader(InboundRequest request, String name) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.remove(name);
        return new InboundRequest(request.method(), request.publicUrl(), request.query(), headers, request.body());
    }

    /**
     * A copy of the bytes with the lowest bit of one byte inverted: the smallest change an attacker or a
     * broken proxy can make.
     *
     * @throws IllegalArgumentException when the index is outside the bytes
     */
    public static byte[] flipByte(byte[] bytes, int index) {
        if (index < 0 || index >= bytes.length) {
            throw new IllegalArgumentException("no byte at " + index + " in " + bytes.length + " bytes");
        }
        byte[] copy = bytes.clone();
        copy[index] ^= 1;
        return copy;
    }

    /**
     * The text with the lowest bit of the character in its middle inverted. For signature values this keeps
     * the format (a hex digit stays a hex digit or becomes an invalid one) and only the value is wrong.
     * Characters at the end of base64 values are avoided on purpose: their low bits may be padding that a
     * lenient decoder ignores.
     *
     * @throws IllegalArgumentException when the text is empty
     */
    public static String flipMiddleCharacter(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("nothing to flip in an empty value");
        }
        int middle = text.length() / 2;
        char[] chars = text.toCharArray();
        chars[middle] ^= 1;
        return new String(chars);
    }

    /**
     * Copies of a validly signed request whose signature header is wrong, by what was done to it: removed,
     * emptied, one character changed in its middle, and replaced by separators only, by non-ASCII text and by
     * 10,000 characters.
     *
     * @throws AssertionError when the request has no such header
     */
    public static Map<String, InboundRequest> brokenSignatures(InboundRequest valid, String header) {
        String signature = valid.header(header)
                .orElseThrow(() -> new AssertionError("the valid request has no " + header + " header"));
        Map<String, InboundRequest> broken = new LinkedHashMap<>();
        broken.put("header removed", withoutHeader(valid, header));
        broken.put("header empty", withHeader(valid, header, ""));
        broken.put("one character changed", withHeader(valid, header, flipMiddleCharacter(signature)));
        broken.put("separators only", withHeader(valid, header, "=,=;=,"));
        broken.put("not ASCII", withHeader(valid, header, "sha256=\u00e9\u00e8\u2603"));
        broken.put("10,000 characters", withHeader(valid, header, "a".repeat(10_000)));
        return Collections.unmodifiableMap(broken);
    }
}
