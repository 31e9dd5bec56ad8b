package io.switchboard.connectors.sms;

import io.switchboard.connector.MessageChannel;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.MessageChannelContractTest;

/** The channel contract for outbound SMS through Twilio's Messages API. */
class TwilioSmsChannelContractTest extends MessageChannelContractTest {

    @Override
    protected MessageChannel connector() {
        return new TwilioSmsChannel();
    }

    @Override
    protected FakeConnectorContext.Builder contextBuilder() {
        return FakeConnectorContext.builder()
                .secret(TwilioSmsDescriptor.AUTH_TOKEN, "contract-auth-token-6a0d3f1e9b27")
                .setting(TwilioSmsDescriptor.ACCOUNT_SID, "AC9b1f153598793376abf73d9df157f03a")
                .setting(TwilioSmsDescriptor.FROM_NUMBER, "+33639989001");
    }
}
