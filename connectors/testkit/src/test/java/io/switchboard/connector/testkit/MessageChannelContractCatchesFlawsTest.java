package io.switchboard.connector.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.connector.MessageChannel;
import io.switchboard.connector.testkit.SampleMessageChannel.Flaw;
import org.junit.jupiter.api.Test;

/** Each broken rule makes the matching channel contract test fail. */
class MessageChannelContractCatchesFlawsTest {

    @Test
    void channelThatThrowsWhenUnconfiguredFailsTheConfigurationChecks() {
        MessageChannelContractTest contract = contractFor(new SampleMessageChannel(Flaw.THROWS_WHEN_UNCONFIGURED));

        assertThatThrownBy(contract::unconfiguredConnectionIsRejectedWithoutCallingTheProvider)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("never throw");
        assertThatThrownBy(contract::missingRequiredFieldIsRejectedWithoutCallingTheProvider)
                .isInstanceOf(AssertionError.class);
        assertThatCode(contract::unreachableProviderIsRetriedLater).doesNotThrowAnyException();
    }

    @Test
    void channelThatThrowsWhenTheProviderIsDownFailsTheRetryCheck() {
        MessageChannelContractTest contract = contractFor(new SampleMessageChannel(Flaw.THROWS_WHEN_UNREACHABLE));

        assertThatThrownBy(contract::unreachableProviderIsRetriedLater)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("provider unreachable");
        assertThatCode(contract::unconfiguredConnectionIsRejectedWithoutCallingTheProvider)
                .doesNotThrowAnyException();
    }

    private static MessageChannelContractTest contractFor(MessageChannel channel) {
        return new SampleMessageChannelContractTest() {
            @Override
            protected MessageChannel connector() {
                return channel;
            }
        };
    }
}
