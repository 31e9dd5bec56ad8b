package io.switchboard.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.testkit.Fixtures;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The body decoding in verify accepts and decodes exactly as a reporting UTF-8 decoder does. */
class StripeStrictUtf8Test {

    private static final List<byte[]> TRICKY = List.of(
            bytes(),
            bytes(0xEF, 0xBF, 0xBD),                   // U+FFFD itself, well encoded
            bytes(0xEF, 0xBB, 0xBF, '{', '}'),         // byte order mark
            bytes(0xF0, 0x9F, 0x92, 0xB3),             // U+1F4B3, a surrogate pair in Java
            bytes(0xF4, 0x8F, 0xBF, 0xBF),             // U+10FFFF
            bytes(0xC3, 0x28),                         // bad continuation
            bytes(0xC0, 0x80),                         // overlong NUL
            bytes(0xE0, 0x80, 0xAF),                   // overlong '/'
            bytes(0xED, 0xA0, 0x80),                   // encoded high surrogate
            bytes(0xED, 0xBF, 0xBF),                   // encoded low surrogate
            bytes(0xF4, 0x90, 0x80, 0x80),             // beyond U+10FFFF
            bytes(0xF5, 0x80, 0x80, 0x80),
            bytes(0xFF),
            bytes(0x80),                               // lone continuation
            bytes('a', 0xE2, 0x82),                    // truncated sequence at the end
            bytes(0xEF, 0xBF, 0xBD, 0xC3));            // U+FFFD and then a malformed byte

    @Example
    void trickySequencesAreDecidedAsTheStrictDecoderDecidesThem() {
        assertThat(TRICKY).allSatisfy(body -> assertThat(StripeConnector.strictUtf8(body)).isEqualTo(strictly(body)));
        assertThat(StripeConnector.strictUtf8(bytes(0xEF, 0xBF, 0xBD))).contains("\uFFFD");
        assertThat(StripeConnector.strictUtf8(bytes(0xC0, 0x80))).isEmpty();
    }

    @Property(tries = 3000)
    void anyBytesAreDecidedAsTheStrictDecoderDecidesThem(@ForAll("bodies") byte[] body) {
        assertThat(StripeConnector.strictUtf8(body)).isEqualTo(strictly(body));
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(24);
        // Mostly well-formed text with the odd bad byte: the case a replacing decoder could get subtly wrong.
        Arbitrary<byte[]> almostText = Arbitraries.strings().all().ofMaxLength(12)
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .flatMap(valid -> Arbitraries.integers().between(0, valid.length)
                        .flatMap(at -> Arbitraries.bytes().map(b -> inserted(valid, at, b))));
        Arbitrary<byte[]> fixture = Arbitraries.of("charge_refunded_full.json", "payment_intent_succeeded.json")
                .map(file -> Fixtures.bytes("stripe/" + file));
        return Arbitraries.oneOf(random, almostText, fixture);
    }

    private static Optional<String> strictly(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static byte[] inserted(byte[] bytes, int at, byte b) {
        byte[] result = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, result, 0, at);
        result[at] = b;
        System.arraycopy(bytes, at, result, at + 1, bytes.length - at);
        return result;
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }
}
