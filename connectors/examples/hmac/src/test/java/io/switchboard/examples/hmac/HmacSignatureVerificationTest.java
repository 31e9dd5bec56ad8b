package io.switchboard.examples.hmac;

import static io.switchboard.examples.hmac.HmacTestRequests.HEADER;
import static io.switchboard.examples.hmac.HmacTestRequests.NOW;
import static io.switchboard.examples.hmac.HmacTestRequests.ORDER;
import static io.switchboard.examples.hmac.HmacTestRequests.SECRET;
import static io.switchboard.examples.hmac.HmacTestRequests.base64;
import static io.switchboard.examples.hmac.HmacTestRequests.context;
import static io.switchboard.examples.hmac.HmacTestRequests.hex;
import static io.switchboard.examples.hmac.HmacTestRequests.signed;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Verification;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.InboundRequests;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every signature scheme the settings describe is accepted when genuine and refused when not. */
class HmacSignatureVerificationTest {

    private final HmacWebhookConnector connector = new HmacWebhookConnector();
    private final byte[] body = ORDER.getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @CsvSource({"SHA1, HmacSHA1", "SHA256, HmacSHA256", "SHA512, HmacSHA512", "sha-256, HmacSHA256",
            "HmacSHA512, HmacSHA512"})
    void acceptsEachAlgorithmInHex(String setting, String jca) {
        var context = context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER, HmacWebhookConnector.ALGORITHM, setting);

        assertThat(connector.verify(signed(ORDER, hex(jca, SECRET, body)), context))
                .isInstanceOf(Verification.Verified.class);
    }

    @ParameterizedTest
    @CsvSource({"SHA1, HmacSHA1", "SHA256, HmacSHA256", "SHA512, HmacSHA512"})
    void acceptsEachAlgorithmInBase64(String setting, String jca) {
        var context = context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER, HmacWebhookConnector.ALGORITHM, setting,
                HmacWebhookConnector.ENCODING, "base64");

        assertThat(connector.verify(signed(ORDER, base64(jca, SECRET, body)), context))
                .isInstanceOf(Verification.Verified.class);
    }

    @Test
    void refusesASignatureMadeWithAnotherAlgorithm() {
        var context = context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER, HmacWebhookConnector.ALGORITHM, "SHA512");

        assertThat(connector.verify(signed(ORDER, hex("HmacSHA256", SECRET, body)), context))
                .isEqualTo(Verification.rejected("signature mismatch"));
    }

    @Test
    void refusesATamperedBodyAWrongSecretAndAMissingHeader() {
        var context = context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER);
        String genuine = hex("HmacSHA256", SECRET, body);

        assertThat(connector.verify(signed(ORDER.replace("4500", "1"), genuine), context))
                .isEqualTo(Verification.rejected("signature mismatch"));
        assertThat(connector.verify(signed(ORDER, hex("HmacSHA256", "another-secret", body)), context))
                .isEqualTo(Verification.rejected("signature mismatch"));
        assertThat(connector.verify(InboundRequests.post().body(ORDER).build(), context))
                .isEqualTo(Verification.rejected("X-Signature header missing"));
    }

    @Test
    void refusesSignaturesThatAreNotInTheConfiguredEncoding() {
        var hexContext = context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER);
        var base64Context = context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER, HmacWebhookConnector.ENCODING, "base64");

        assertThat(connector.verify(signed(ORDER, "not-hex!"), hexContext))
                .isEqualTo(Verification.rejected("X-Signature header is not hex"));
        assertThat(connector.verify(signed(ORDER, "***"), base64Context))
                .isEqualTo(Verification.rejected("X-Signature header is not base64"));
        assertThat(connector.verify(signed(ORDER, base64("HmacSHA256", SECRET, body)), hexContext))
                .isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void stripsTheConfiguredPrefixAndRequiresIt() {
        var context = context(HmacWebhookConnector.SIGNATURE_HEADER, "X-Hub-Signature-256",
                HmacWebhookConnector.SIGNATURE_PREFIX, "sha256=");
        String mac = hex("HmacSHA256", SECRET, body);

        assertThat(connector.verify(request("X-Hub-Signature-256", "sha256=" + mac), context))
                .isInstanceOf(Verification.Verified.class);
        assertThat(connector.verify(request("X-Hub-Signature-256", "SHA256=" + mac.toUpperCase()), context))
                .isInstanceOf(Verification.Verified.class);
        assertThat(connector.verify(request("X-Hub-Signature-256", mac), context))
                .isEqualTo(Verification.rejected("X-Hub-Signature-256 header does not start with sha256="));
    }

    @Test
    void acceptsATimestampSchemeWithinTheToleranceAndTakesItsTime() {
        var context = timestampContext();
        String timestamp = Long.toString(NOW.minusSeconds(60).getEpochSecond());

        Verification verification = connector.verify(timestamped(timestamp, timestamp), context);

        assertThat(verification).isInstanceOf(Verification.Verified.class);
        assertThat(((Verification.Verified) verification).events().get(0).occurredAt()).isEqualTo(NOW.minusSeconds(60));
    }

    @Test
    void readsMillisecondTimestamps() {
        String millis = Long.toString(NOW.minusMillis(1500).toEpochMilli());

        Verification verification = connector.verify(timestamped(millis, millis), timestampContext());

        assertThat(((Verification.Verified) verification).events().get(0).occurredAt()).isEqualTo(NOW.minusMillis(1500));
    }

    @Test
    void refusesAReplayOutsideTheToleranceEvenWhenGenuinelySigned() {
        String old = Long.toString(NOW.minusSeconds(121).getEpochSecond());
        String future = Long.toString(NOW.plusSeconds(121).getEpochSecond());

        assertThat(connector.verify(timestamped(old, old), timestampContext()))
                .isEqualTo(Verification.rejected("signed timestamp is 121 s away from now (tolerance 120 s)"));
        assertThat(connector.verify(timestamped(future, future), timestampContext()))
                .isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void refusesATimestampChangedAfterSigningOrMissing() {
        String signedTime = Long.toString(NOW.getEpochSecond());
        String sentTime = Long.toString(NOW.getEpochSecond() - 1);

        assertThat(connector.verify(timestamped(signedTime, sentTime), timestampContext()))
                .isEqualTo(Verification.rejected("signature mismatch"));
        assertThat(connector.verify(signed(ORDER, hex("HmacSHA256", SECRET, body)), timestampContext()))
                .isEqualTo(Verification.rejected("X-Timestamp header is not a Unix time"));
    }

    @Test
    void refusesWhenTheConnectionIsIncomplete() {
        assertThat(connector.verify(signed(ORDER), FakeConnectorContext.builder()
                .setting(HmacWebhookConnector.SIGNATURE_HEADER, HEADER).build()))
                .isEqualTo(Verification.rejected("signingSecret is not configured"));
        assertThat(connector.verify(signed(ORDER), context()))
                .isEqualTo(Verification.rejected("the connection is misconfigured: signatureHeader is not set"));
        assertThat(connector.verify(signed(ORDER), context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER,
                HmacWebhookConnector.ALGORITHM, "MD5")))
                .isEqualTo(Verification.rejected("the connection is misconfigured: algorithm must be SHA1, SHA256 or SHA512"));
        assertThat(connector.verify(signed(ORDER), context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER,
                HmacWebhookConnector.SIGNED_CONTENT, "timestamp.body")))
                .isEqualTo(Verification.rejected("the connection is misconfigured: "
                        + "timestampHeader is required when signedContent is timestamp.body"));
    }

    @Test
    void refusesAGenuinelySignedBodyThatIsNotJson() {
        String notJson = "{\"id\": 1} trailing";

        assertThat(connector.verify(signed(notJson), context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER)))
                .isEqualTo(Verification.rejected("body is not a JSON document"));
    }

    private static InboundRequest request(String header, String value) {
        return InboundRequests.post().header(header, value).body(ORDER).build();
    }

    private static FakeConnectorContext timestampContext() {
        return context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER,
                HmacWebhookConnector.SIGNED_CONTENT, "timestamp.body",
                HmacWebhookConnector.TIMESTAMP_HEADER, "X-Timestamp",
                HmacWebhookConnector.TIMESTAMP_TOLERANCE_SECONDS, 120L);
    }

    /** A request whose signature covers {@code signedTime} but which sends {@code sentTime}. */
    private InboundRequest timestamped(String signedTime, String sentTime) {
        byte[] content = (signedTime + "." + ORDER).getBytes(StandardCharsets.UTF_8);
        return InboundRequests.post().header(HEADER, hex("HmacSHA256", SECRET, content)).header("X-Timestamp", sentTime)
                .body(ORDER).build();
    }
}
