package io.switchboard.connectors.email;

import io.switchboard.connector.MessageChannel;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.MessageChannelContractTest;

/** The channel contract for email through Resend. */
class ResendEmailChannelContractTest extends MessageChannelContractTest {

    @Override
    protected MessageChannel connector() {
        return new ResendEmailChannel();
    }

    @Override
    protected FakeConnectorContext.Builder contextBuilder() {
        return FakeConnectorContext.builder()
                .secret(ResendEmailChannel.API_KEY, "re_contract_0123456789abcdef")
                .setting(ResendEmailChannel.FROM_ADDRESS, "Atelier Lumière <notifications@atelier-lumiere.example>");
    }
}
