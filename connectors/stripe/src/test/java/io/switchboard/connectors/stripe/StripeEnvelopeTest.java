package io.switchboard.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming envelope reader decides exactly as the tree parse used by interpret. */
class StripeEnvelopeTest {

    private static final String DATA = "\"data\":{\"object\":{}}";
    private static final String MINIMAL =
            "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"created\":1789378868," + DATA + "}";

    /** What the tree parse makes of a text, as an envelope. */
    static Optional<StripeEnvelope> throughTheTree(String json) {
        return StripeEvent.parse(json).map(event -> new StripeEnvelope(event.id(), event.type(), event.created()));
    }

    static Stream<String> fixtureFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("switchboard.fixtures-dir"), "stripe"))) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureFiles")
    void everyFixtureReadsAsTheTreeReadsIt(String file) {
        String json = Fixtures.text("stripe/" + file);

        Optional<StripeEnvelope> envelope = StripeEnvelope.read(json);

        assertThat(envelope).isPresent().isEqualTo(throughTheTree(json));
    }

    static Stream<Arguments> trickyTexts() {
        String longId = "evt_" + "x".repeat(251);
        return Stream.of(
                Arguments.of("minimal event", MINIMAL, true),
                Arguments.of("members in another order", "{" + DATA + ",\"created\":1,\"type\":\"t\",\"id\":\"e\"}", true),
                Arguments.of("empty body", "", false),
                Arguments.of("whitespace only", " \n\t", false),
                Arguments.of("top-level array", "[" + MINIMAL + "]", false),
                Arguments.of("top-level string", "\"evt_1\"", false),
                Arguments.of("top-level null", "null", false),
                Arguments.of("truncated", MINIMAL.substring(0, MINIMAL.length() - 1), false),
                Arguments.of("truncated inside data", MINIMAL.substring(0, MINIMAL.length() - 3), false),
                Arguments.of("trailing garbage", MINIMAL + " x", false),
                Arguments.of("trailing second document", MINIMAL + MINIMAL, false),
                Arguments.of("trailing comma", MINIMAL.replace("}}}", "}},}"), false),
                Arguments.of("trailing whitespace", MINIMAL + " \r\n", true),
                Arguments.of("leading whitespace", "\n  " + MINIMAL, true),
                Arguments.of("data missing", event("\"id\":\"e\",\"type\":\"t\",\"created\":1"), false),
                Arguments.of("data null", event(base() + ",\"data\":null"), false),
                Arguments.of("data an array", event(base() + ",\"data\":[{\"object\":{}}]"), false),
                Arguments.of("data.object missing", event(base() + ",\"data\":{\"previous_attributes\":{}}"), false),
                Arguments.of("data.object an array", event(base() + ",\"data\":{\"object\":[]}"), false),
                Arguments.of("data.object a string", event(base() + ",\"data\":{\"object\":\"ch_1\"}"), false),
                Arguments.of("data.object null", event(base() + ",\"data\":{\"object\":null}"), false),
                Arguments.of("data.object a number", event(base() + ",\"data\":{\"object\":1}"), false),
                Arguments.of("object beside data, not in it", event(base() + ",\"object\":{},\"data\":{}"), false),
                Arguments.of("object nested deeper in data", event(base() + ",\"data\":{\"x\":{\"object\":{}}}"), false),
                Arguments.of("created a numeric string", member("created", "\"1789378868\""), false),
                Arguments.of("created a fraction", member("created", "1789378868.5"), false),
                Arguments.of("created a whole float", member("created", "1789378868.0"), true),
                Arguments.of("created in exponent form", member("created", "1.789378868E9"), true),
                Arguments.of("created negative", member("created", "-1"), true),
                Arguments.of("created minus zero", member("created", "-0"), true),
                Arguments.of("created beyond long", member("created", "99999999999999999999"), false),
                Arguments.of("created beyond Instant", member("created", "9223372036854775807"), false),
                Arguments.of("created at Instant.MAX", member("created", "31556889864403199"), true),
                Arguments.of("created just past Instant.MAX", member("created", "31556889864403200"), false),
                Arguments.of("created a huge exponent", member("created", "1e999999999"), false),
                Arguments.of("created a tiny exponent", member("created", "1e-999999999"), false),
                Arguments.of("created zero with a huge exponent", member("created", "0e999999999"), true),
                Arguments.of("created true", member("created", "true"), false),
                Arguments.of("created null", member("created", "null"), false),
                Arguments.of("created with a leading zero", member("created", "01"), false),
                Arguments.of("created NaN", member("created", "NaN"), false),
                Arguments.of("id 255 characters", member("id", "\"" + longId + "\""), true),
                Arguments.of("id 256 characters", member("id", "\"" + longId + "x\""), false),
                Arguments.of("id 255 once trimmed", member("id", "\"  " + longId + "  \""), true),
                Arguments.of("id padded", member("id", "\"  evt_1 \""), true),
                Arguments.of("id empty", member("id", "\"\""), false),
                Arguments.of("id blank", member("id", "\" \\t \""), false),
                Arguments.of("id a number", member("id", "1"), false),
                Arguments.of("id an object", member("id", "{\"id\":\"evt_1\"}"), false),
                Arguments.of("id with escapes", member("id", "\"evt_\\u0031\\\"\""), true),
                Arguments.of("id with a raw control character", member("id", "\"evt\u00011\""), false),
                Arguments.of("type blank", member("type", "\"  \""), false),
                Arguments.of("type null", member("type", "null"), false),
                Arguments.of("id only inside data", event("\"type\":\"t\",\"created\":1,\"data\":{\"id\":\"evt_1\",\"object\":{\"id\":\"ch_1\"}}"), false),
                Arguments.of("nested ids after the top-level id", event(base() + ",\"data\":{\"id\":\"x\",\"object\":{\"id\":\"ch_1\",\"type\":\"y\",\"created\":2}}"), true),
                Arguments.of("escaped member name", event("\"i\\u0064\":\"evt_1\",\"type\":\"t\",\"created\":1," + DATA), true),
                Arguments.of("member names differing in case", event("\"ID\":\"evt_1\",\"type\":\"t\",\"created\":1," + DATA), false),
                Arguments.of("duplicate id, last valid", event(base() + ",\"id\":\"evt_last\"," + DATA), true),
                Arguments.of("duplicate id, last null", event(base() + ",\"id\":null," + DATA), false),
                Arguments.of("duplicate id, first invalid", event("\"id\":1," + base() + "," + DATA), true),
                Arguments.of("duplicate created, last a string", event(base() + ",\"created\":\"1\"," + DATA), false),
                Arguments.of("duplicate data, last without object", event(base() + "," + DATA + ",\"data\":{}"), false),
                Arguments.of("duplicate data, last with object", event(base() + ",\"data\":[]," + DATA), true),
                Arguments.of("duplicate data.object, last an array", event(base() + ",\"data\":{\"object\":{},\"object\":[]}"), false),
                Arguments.of("duplicate data.object, last an object", event(base() + ",\"data\":{\"object\":1,\"object\":{}}"), true),
                Arguments.of("unquoted name", MINIMAL.replace("\"id\"", "id"), false),
                Arguments.of("single-quoted string", MINIMAL.replace("\"evt_1\"", "'evt_1'"), false),
                Arguments.of("comment", MINIMAL.replace(",\"type\"", ",/* c */\"type\""), false),
                Arguments.of("raw tab in a skipped string", event(base() + ",\"note\":\"a\tb\"," + DATA), false),
                Arguments.of("raw newline in a top-level name", event(base() + ",\"a\nb\":1," + DATA), false),
                Arguments.of("raw newline in a skipped name", event(base() + ",\"x\":{\"a\nb\":1}," + DATA), false),
                Arguments.of("raw control character deep in data.object", event(base() + ",\"data\":{\"object\":{\"d\":[\"\u001f\"]}}"), false),
                Arguments.of("escaped control character in a string", event(base() + ",\"note\":\"a\\tb\"," + DATA), true),
                Arguments.of("invalid escape", event(base() + ",\"note\":\"\\x\"," + DATA), false),
                Arguments.of("escaped single quote", event(base() + ",\"note\":\"\\'\"," + DATA), false),
                Arguments.of("short unicode escape", event(base() + ",\"note\":\"\\u12\"," + DATA), false),
                Arguments.of("missing colon", MINIMAL.replace("\"type\":", "\"type\" "), false),
                Arguments.of("missing comma", MINIMAL.replace(",\"type\"", " \"type\""), false),
                Arguments.of("unbalanced in a skipped value", event(base() + ",\"x\":[1,2}," + DATA), false),
                Arguments.of("bare literal in a skipped value", event(base() + ",\"x\":undefined," + DATA), false),
                // Gson's reader allows 255 levels, counting the top-level object as one.
                Arguments.of("255 levels in a skipped value", event(base() + ",\"x\":" + nested(254) + "," + DATA), true),
                Arguments.of("256 levels in a skipped value", event(base() + ",\"x\":" + nested(255) + "," + DATA), false),
                Arguments.of("255 levels in data.object", event(base() + ",\"data\":{\"object\":{\"x\":" + nested(252) + "}}"), true),
                Arguments.of("256 levels in data.object", event(base() + ",\"data\":{\"object\":{\"x\":" + nested(253) + "}}"), false),
                Arguments.of("nested 100000 deep", nested(100_000), false),
                Arguments.of("unclosed nesting 100000 deep", event(base() + ",\"x\":" + "[".repeat(100_000)), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trickyTexts")
    void trickyTextsAreDecidedAsTheTreeDecidesThem(String description, String json, boolean accepted) {
        Optional<StripeEnvelope> tree = throughTheTree(json);

        assertThat(StripeEnvelope.read(json)).isEqualTo(tree);
        assertThat(tree.isPresent()).as("accepted").isEqualTo(accepted);
    }

    @Test
    void theLastOfRepeatedMembersCountsAsInTheTree() {
        String json = "{\"id\":\"evt_first\",\"type\":\"charge.refunded\",\"created\":1,\"type\":\"invoice.paid\","
                + "\"created\":2," + DATA + ",\"id\":\"evt_last\"}";

        assertThat(StripeEnvelope.read(json))
                .contains(new StripeEnvelope("evt_last", "invoice.paid", Instant.ofEpochSecond(2)));
        assertThat(StripeEvent.parse(json)).get().extracting(StripeEvent::id).isEqualTo("evt_last");
    }

    @Test
    void idIsTrimmedAsTheTreeTrimsIt() {
        String json = "{\"id\":\"  evt_1\\n\",\"type\":\" t \",\"created\":1.0e1," + DATA + "}";

        assertThat(StripeEnvelope.read(json)).contains(new StripeEnvelope("evt_1", "t", Instant.ofEpochSecond(10)));
    }

    @Test
    void fixturesWithRepeatedOrNestedIdsStillAgree() throws IOException {
        List<String> variants = fixtureFiles().map(file -> Fixtures.text("stripe/" + file))
                .flatMap(json -> Stream.of(
                        json.replaceFirst("\\{", "{\"id\":\"evt_shadowed\","),
                        json.substring(0, json.lastIndexOf('}')) + ",\"id\":\"evt_last\"}",
                        json.substring(0, json.lastIndexOf('}')) + ",\"data\":{\"object\":[]}}",
                        json.replace("\"data\": {", "\"data\": {\"object\": {\"id\": \"shadowed\"},")))
                .toList();

        assertThat(variants).allSatisfy(json -> assertThat(StripeEnvelope.read(json)).isEqualTo(throughTheTree(json)));
        assertThat(variants).filteredOn(json -> json.contains("evt_last"))
                .allSatisfy(json -> assertThat(StripeEnvelope.read(json)).get()
                        .extracting(StripeEnvelope::id).isEqualTo("evt_last"));
    }

    private static String base() {
        return "\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"created\":1789378868";
    }

    private static String event(String members) {
        return "{" + members + "}";
    }

    /** The minimal event with one member's value replaced. */
    private static String member(String name, String value) {
        return MINIMAL.replaceFirst("\"" + name + "\":(\"[^\"]*\"|\\d+)", Matcher.quoteReplacement("\"" + name + "\":" + value));
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
