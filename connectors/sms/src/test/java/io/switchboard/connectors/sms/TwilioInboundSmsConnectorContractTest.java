package io.switchboard.connectors.sms;

import io.switchboard.connector.FormBody;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import io.switchboard.connector.testkit.InboundRequests;
import io.switchboard.connector.testkit.Signatures;
import io.switchboard.connector.testkit.WebhookConnectorContractTest;
import java.util.Map;
import java.util.Optional;

/**
 * The connector contract for inbound SMS: an ordinary message from the fixtures, signed the way Twilio signs
 * it (the public URL and the sorted form parameters, with the tenant's auth token).
 */
class TwilioInboundSmsConnectorContractTest extends WebhookConnectorContractTest {

    private static final String URL = "https://switchboard.example.com/webhooks/acme/sms";

    @Override
    protected WebhookConnector connector() {
        return new TwilioInboundSmsConnector();
    }

    @Override
    protected FakeConnectorContext.Builder contextBuilder() {
        return FakeConnectorContext.builder()
                .secret(TwilioSmsDescriptor.AUTH_TOKEN, "contract-auth-token-6a0d3f1e9b27")
                .setting(TwilioSmsDescriptor.ACCOUNT_SID, "AC9b1f153598793376abf73d9df157f03a");
    }

    @Override
    protected InboundRequest validRequest(FakeConnectorContext context) {
        return signedRequest(Fixtures.bytes("twilio/inbound-sms/sms_info_request.txt"), context).orElseThrow();
    }

    @Override
    protected Optional<InboundRequest> signedRequest(byte[] body, FakeConnectorContext context) {
        String authToken = context.config().secret(TwilioSmsDescriptor.AUTH_TOKEN).orElseThrow();
        Map<String, String> params;
        try {
            params = FormBody.parse(body).firstValues();
        } catch (IllegalArgumentException e) {
            // Not form encoding: Twilio would never send it; sign the URL alone so the parser still sees it.
            params = Map.of();
        }
        return Optional.of(InboundRequests.post()
                .url(URL)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", Signatures.twilioSignature(authToken, URL, params))
                .body(body)
                .build());
    }

    @Override
    protected String signatureHeader() {
        return "X-Twilio-Signature";
    }
}
