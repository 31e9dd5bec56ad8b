package io.switchboard.connector.testkit;

import io.switchboard.connector.MessageChannel;

/** The whole channel contract, run against a channel that keeps it: every check must pass. */
class SampleMessageChannelContractTest extends MessageChannelContractTest {

    @Override
    protected MessageChannel connector() {
        return new SampleMessageChannel(SampleMessageChannel.Flaw.NONE);
    }

    @Override
    protected FakeConnectorContext.Builder contextBuilder() {
        return FakeConnectorContext.builder()
                .secret(SampleMessageChannel.API_KEY, "sample-key-77")
                .setting(SampleMessageChannel.SENDER, "SAMPLE");
    }
}
