package io.switchboard.examples.hmac;

import static io.switchboard.examples.hmac.HmacTestRequests.HEADER;
import static io.switchboard.examples.hmac.HmacTestRequests.NOW;
import static io.switchboard.examples.hmac.HmacTestRequests.ORDER;
import static io.switchboard.examples.hmac.HmacTestRequests.context;
import static io.switchboard.examples.hmac.HmacTestRequests.orderContext;
import static io.switchboard.examples.hmac.HmacTestRequests.signed;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.Verification;
import io.switchboard.connector.testkit.InboundRequests;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A verified request becomes one event whose id, type and time come from where the tenant's settings point. */
class HmacEventReadingTest {

    private final HmacWebhookConnector connector = new HmacWebhookConnector();

    @Test
    void takesTheDedupeKeyAndTypeFromTheConfiguredPathsAndKeepsTheWholeBody() {
        ReceivedEvent event = event(connector.verify(signed(ORDER), orderContext()));

        assertThat(event.dedupeKey()).isEqualTo("evt_1001");
        assertThat(event.eventType()).isEqualTo("order.paid");
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.payload()).isEqualTo(ORDER.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutPathsTheBodyHashIsTheKeyAndTheTypeIsWebhook() {
        var context = context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER);

        ReceivedEvent first = event(connector.verify(signed(ORDER), context));
        ReceivedEvent again = event(connector.verify(signed(ORDER), context));
        ReceivedEvent other = event(connector.verify(signed(ORDER.replace("4500", "4600")), context));

        assertThat(first.dedupeKey()).startsWith("sha256:").hasSize("sha256:".length() + 64)
                .isEqualTo(again.dedupeKey()).isNotEqualTo(other.dedupeKey());
        assertThat(first.eventType()).isEqualTo("webhook");
    }

    @Test
    void fallsBackToTheBodyHashWhenTheIdIsMissingOrTooLong() {
        var context = context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER, HmacWebhookConnector.DEDUPE_KEY_PATH, "$.id");
        String longId = "{\"id\":\"" + "x".repeat(256) + "\"}";

        assertThat(event(connector.verify(signed("{\"other\":1}"), context)).dedupeKey()).startsWith("sha256:");
        assertThat(event(connector.verify(signed(longId), context)).dedupeKey()).startsWith("sha256:");
        assertThat(event(connector.verify(signed("{\"id\":12345}"), context)).dedupeKey()).isEqualTo("12345");
    }

    @Test
    void acceptsJsonThatIsNotAnObject() {
        var context = context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER, HmacWebhookConnector.DEDUPE_KEY_PATH,
                "$[1].id", HmacWebhookConnector.EVENT_TYPE_PATH, "[0].type");

        ReceivedEvent event = event(connector.verify(signed("[{\"type\":\"batch\"},{\"id\":\"b-2\"}]"), context));

        assertThat(event.dedupeKey()).isEqualTo("b-2");
        assertThat(event.eventType()).isEqualTo("batch");
    }

    @Test
    void refusesGenuinelySignedBodiesThatAreNotStrictJson() {
        var context = context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER);
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        String tooDeep = "[".repeat(300) + "]".repeat(300);

        for (byte[] body : new byte[][] {invalidUtf8, tooDeep.getBytes(StandardCharsets.UTF_8),
                "abc".getBytes(StandardCharsets.UTF_8), "{'a':1}".getBytes(StandardCharsets.UTF_8), new byte[0]}) {
            String signature = HmacTestRequests.hex("HmacSHA256", HmacTestRequests.SECRET, body);
            assertThat(connector.verify(InboundRequests.post().header(HEADER, signature)
                    .body(body).build(), context)).isEqualTo(Verification.rejected("body is not a JSON document"));
        }
    }

    private static ReceivedEvent event(Verification verification) {
        assertThat(verification).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) verification).events().get(0);
    }
}
