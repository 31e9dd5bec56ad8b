package io.switchboard.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The streaming envelope reader and the tree parse agree on fixture bodies broken in random ways and on
 * events assembled from random members, repeated ones included.
 */
class StripeEnvelopePropertyTest {

    private static final List<String> NAMES = List.of(
            "\"id\"", "\"type\"", "\"created\"", "\"data\"", "\"object\"", "\"i\\u0064\"", "\"livemode\"");

    private static final List<String> VALUES = List.of(
            "\"evt_1\"", "\"  evt_padded \"", "\"\"", "\" \"", "\"" + "x".repeat(256) + "\"", "\"1789378868\"",
            "null", "true", "0", "1789378868", "1789378868.0", "1.789378868e9", "1789378868.5", "-1",
            "9223372036854775807", "99999999999999999999", "31556889864403200", "{}", "[]",
            "{\"object\":{}}", "{\"object\":[]}", "{\"object\":null}", "{\"object\":{},\"object\":1}",
            "{\"object\":{\"id\":\"ch_1\"}}", "{\"id\":\"evt_nested\",\"object\":{}}", "[{\"object\":{}}]");

    private static final List<String> FRAGMENTS = List.of(
            "{", "}", "[", "]", "\"", "\\", ",", ":", " ", "\n", "\t", "\u0001", "null", "0", "-", ".", "e",
            "\\u00", "\"id\":\"evt_inserted\",", "\"created\":1,", "\"data\":{\"object\":[]},", "\"id\":",
            "/*", "'");

    @Property(tries = 2000)
    void brokenFixturesAreDecidedAsTheTreeDecidesThem(@ForAll("brokenFixtures") String json) {
        Optional<StripeEnvelope> tree = StripeEnvelopeTest.throughTheTree(json);

        assertThat(StripeEnvelope.read(json)).isEqualTo(tree);
        Statistics.label("accepted").collect(tree.isPresent())
                .coverage(coverage -> coverage.check(true).percentage(p -> p > 1));
    }

    @Property(tries = 2000)
    void assembledEventsAreDecidedAsTheTreeDecidesThem(@ForAll("assembledEvents") String json) {
        Optional<StripeEnvelope> tree = StripeEnvelopeTest.throughTheTree(json);

        assertThat(StripeEnvelope.read(json)).isEqualTo(tree);
        Statistics.label("accepted").collect(tree.isPresent())
                .coverage(coverage -> coverage.check(true).percentage(p -> p > 5));
    }

    @Provide
    Arbitrary<String> brokenFixtures() {
        Arbitrary<String> fixture = Arbitraries.of(fixtureTexts());
        Arbitrary<Mutation> mutation = Arbitraries.oneOf(
                Combinators.combine(position(), Arbitraries.of(FRAGMENTS)).as(Insert::new),
                Combinators.combine(position(), Arbitraries.integers().between(1, 40)).as(Delete::new),
                position().map(Truncate::new),
                Combinators.combine(position(), member()).as(InsertMember::new));
        return Combinators.combine(fixture, mutation.list().ofMinSize(1).ofMaxSize(3)).as((json, mutations) -> {
            String result = json;
            for (Mutation m : mutations) {
                result = m.apply(result);
            }
            return result;
        });
    }

    @Provide
    Arbitrary<String> assembledEvents() {
        // Each required member is mostly valid, so that a fair share of the events is accepted.
        Arbitrary<List<String>> required = Combinators.combine(
                        mostly("\"evt_1\"", "\" evt_2 \"", "\"\"", "1"),
                        mostly("\"charge.refunded\"", "\" \"", "null"),
                        mostly("1789378868", "1789378868.0", "\"1789378868\"", "1e400"),
                        mostly("{\"object\":{}}", "{\"object\":[]}", "{}"))
                .as((id, type, created, data) -> List.of(
                        "\"id\":" + id, "\"type\":" + type, "\"created\":" + created, "\"data\":" + data));
        Arbitrary<List<String>> members = Combinators.combine(required, member().list().ofMaxSize(4))
                .as((first, more) -> Stream.concat(first.stream(), more.stream()).toList())
                .flatMap(Arbitraries::shuffle);
        Arbitrary<String> trailing = Arbitraries.of("", " ", "\n", "x", "{}", ",");
        return Combinators.combine(members, trailing)
                .as((all, after) -> all.stream().collect(Collectors.joining(",", "{", "}")) + after);
    }

    private static List<String> fixtureTexts() {
        try {
            return StripeEnvelopeTest.fixtureFiles().map(file -> Fixtures.text("stripe/" + file)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Arbitrary<String> mostly(String valid, String... others) {
        return Arbitraries.frequencyOf(
                Tuple.of(3 * others.length, Arbitraries.just(valid)), Tuple.of(others.length, Arbitraries.of(others)));
    }

    private static Arbitrary<Double> position() {
        return Arbitraries.doubles().between(0, 1);
    }

    private static Arbitrary<String> member() {
        return Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of(VALUES)).as((name, value) -> name + ":" + value);
    }

    /** One change to a text, at a position given as a fraction of its length. */
    private sealed interface Mutation {
        String apply(String json);

        static int index(String json, double at) {
            return (int) Math.min(json.length(), Math.floor(at * json.length()));
        }
    }

    private record Insert(double at, String fragment) implements Mutation {
        @Override
        public String apply(String json) {
            int i = Mutation.index(json, at);
            return json.substring(0, i) + fragment + json.substring(i);
        }
    }

    private record Delete(double at, int length) implements Mutation {
        @Override
        public String apply(String json) {
            int i = Mutation.index(json, at);
            return json.substring(0, i) + json.substring(Math.min(json.length(), i + length));
        }
    }

    private record Truncate(double at) implements Mutation {
        @Override
        public String apply(String json) {
            return json.substring(0, Mutation.index(json, at));
        }
    }

    /** A member placed after the first '{' or ',' from the position on, where one usually fits. */
    private record InsertMember(double at, String member) implements Mutation {
        @Override
        public String apply(String json) {
            for (int i = Mutation.index(json, at); i < json.length(); i++) {
                if (json.charAt(i) == '{' || json.charAt(i) == ',') {
                    return json.substring(0, i + 1) + member + "," + json.substring(i + 1);
                }
            }
            return json;
        }
    }
}
