package io.switchboard.connector.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Request bodies no provider sends, which a connector must refuse without throwing: nothing, noise,
 * nesting deep enough to overflow a recursive parser, malformed UTF-8, JSON of the wrong shape.
 */
final class GarbageBodies {

    /** Deeper than any real payload and than the stack of a naive recursive-descent parser. */
    static final int NESTING_DEPTH = 50_000;

    private GarbageBodies() {}

    /** Each body by a short name, in a stable order; the random bytes are the same on every run. */
    static Map<String, byte[]> standard() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty body", new byte[0]);
        bodies.put("random bytes", randomBytes(4096));
        bodies.put("deeply nested JSON arrays", nested("[", "]", "1"));
        bodies.put("deeply nested JSON objects", nested("{\"a\":", "}", "1"));
        bodies.put("unterminated JSON nesting", "[".repeat(NESTING_DEPTH).getBytes(StandardCharsets.US_ASCII));
        bodies.put("invalid UTF-8", invalidUtf8());
        bodies.put("JSON null", "null".getBytes(StandardCharsets.US_ASCII));
        bodies.put("empty JSON object", "{}".getBytes(StandardCharsets.US_ASCII));
        bodies.put("JSON array of events", "[{\"id\":\"evt_1\",\"type\":\"x\"}]".getBytes(StandardCharsets.US_ASCII));
        bodies.put("form without fields", "&&=&=x&%zz&%".getBytes(StandardCharsets.US_ASCII));
        return Collections.unmodifiableMap(bodies);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(20260730L).nextBytes(bytes);
        return bytes;
    }

    private static byte[] nested(String open, String close, String innermost) {
        return (open.repeat(NESTING_DEPTH) + innermost + close.repeat(NESTING_DEPTH))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] invalidUtf8() {
        byte[] prefix = "{\"id\":\"evt_".getBytes(StandardCharsets.US_ASCII);
        byte[] broken = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        byte[] suffix = "\",\"type\":\"x\",\"created\":1}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + broken.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(broken, 0, body, prefix.length, broken.length);
        System.arraycopy(suffix, 0, body, prefix.length + broken.length, suffix.length);
        return body;
    }
}
