package io.switchboard.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.Verification;
import io.switchboard.connector.testkit.FakeConnectorContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is particular to this connector's test event; the contract test checks the rest (verify, ignore, new keys). */
class TwilioTestEventTest {

    private static final String URL = "https://switchboard.example.com/webhooks/acme/sms";

    private final TwilioInboundSmsConnector connector = new TwilioInboundSmsConnector();

    private static FakeConnectorContext tenant() {
        return FakeConnectorContext.builder().secret(TwilioSmsDescriptor.AUTH_TOKEN, "tenant-auth-token-51c0")
                .setting(TwilioSmsDescriptor.ACCOUNT_SID, "AC0123456789abcdef0123456789abcdef")
                .setting(TwilioSmsDescriptor.FROM_NUMBER, "+33612345678").build();
    }

    /** Real Twilio message SIDs are SM or MM and 32 hex digits; the marker can never collide with one. */
    @Test
    void theMarkerIsNoTwilioMessageSid() {
        FakeConnectorContext context = tenant();
        String sid = verified(connector.testRequest(URL, context).orElseThrow(), context).get(0).dedupeKey();

        assertThat(sid).startsWith("sbtest").doesNotMatch("[A-Z]{2}[0-9a-f]{32}");
    }

    /** The signature is the one twilio-java checks, for another URL it is refused. */
    @Test
    void theSignatureCoversTheUrl() {
        InboundRequest request = connector.testRequest(URL, tenant()).orElseThrow();
        InboundRequest elsewhere = new InboundRequest(request.method(), URL + "x", request.query(), request.headers(),
                request.body());

        assertThat(connector.verify(elsewhere, tenant())).isInstanceOf(Verification.Rejected.class);
    }

    private List<ReceivedEvent> verified(InboundRequest request, FakeConnectorContext context) {
        return ((Verification.Verified) connector.verify(request, context)).events();
    }
}
