package io.switchboard.connector.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.connector.WebhookConnector;
import io.switchboard.connector.testkit.SampleWebhookConnector.Flaw;
import org.junit.jupiter.api.Test;

/** Each broken rule makes the matching contract test fail, and only what it breaks. */
class WebhookConnectorContractCatchesFlawsTest {

    @Test
    void connectorThatSkipsTheSignatureFailsEverySignatureCheck() {
        WebhookConnectorContractTest contract = contractFor(new SampleWebhookConnector(Flaw.ACCEPTS_UNSIGNED));

        assertThatThrownBy(contract::bodyWithOneByteChangedIsRejected).isInstanceOf(AssertionError.class);
        assertThatThrownBy(contract::brokenSignatureIsRejected).isInstanceOf(AssertionError.class);
        assertThatThrownBy(contract::requestCheckedWithAnotherTenantsSecretsIsRejected)
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(contract::connectionWithoutSecretsRejects).isInstanceOf(AssertionError.class);
        assertThatThrownBy(contract::tenantsVerifiedInTurnKeepTheirOwnOutcome).isInstanceOf(AssertionError.class);
        assertThatCode(contract::validRequestIsVerified).doesNotThrowAnyException();
        assertThatCode(contract::dedupeKeysAreStableAcrossRedelivery).doesNotThrowAnyException();
    }

    @Test
    void connectorThatThrowsOnGarbageFailsOnlyOnceTheGarbageIsSigned() {
        WebhookConnectorContractTest contract = contractFor(new SampleWebhookConnector(Flaw.THROWS_ON_GARBAGE));

        assertThatThrownBy(contract::signedGarbageNeverThrows)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("never throw");
        assertThatCode(contract::unsignedGarbageIsRejected).doesNotThrowAnyException();
    }

    @Test
    void connectorThatRemembersAnotherTenantsSecretFailsTheStateChecks() {
        WebhookConnectorContractTest contract = contractFor(new SecretRememberingConnector());

        assertThatThrownBy(contract::connectorKeepsNoStateInFields)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SecretRememberingConnector.lastVerified is not final");
        assertThatThrownBy(contract::tenantsVerifiedInTurnKeepTheirOwnOutcome).isInstanceOf(AssertionError.class);
        // A fresh instance has nothing to remember yet: one call alone cannot show the flaw, calls in turn do.
        assertThatCode(contractFor(new SecretRememberingConnector())::requestCheckedWithAnotherTenantsSecretsIsRejected)
                .doesNotThrowAnyException();
    }

    @Test
    void connectorWithRandomDedupeKeysFailsTheRedeliveryCheck() {
        WebhookConnectorContractTest contract = contractFor(new SampleWebhookConnector(Flaw.RANDOM_DEDUPE_KEY));

        assertThatThrownBy(contract::dedupeKeysAreStableAcrossRedelivery)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dedupe keys on redelivery");
        assertThatCode(contract::validRequestIsVerified).doesNotThrowAnyException();
    }

    @Test
    void connectorWithChangingInterpretationsFailsTheDeterminismCheck() {
        WebhookConnectorContractTest contract =
                contractFor(new SampleWebhookConnector(Flaw.NONDETERMINISTIC_INTERPRET));

        assertThatThrownBy(contract::interpretIsDeterministic)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("second interpretation of order.created");
        assertThatCode(contract::validDeliveryIsInterpretedThroughDeclaredHostsOnly).doesNotThrowAnyException();
    }

    @Test
    void secretDeclaredAsASettingFailsTheDescriptorChecks() {
        WebhookConnectorContractTest contract = contractFor(new SampleWebhookConnector(Flaw.SECRET_NOT_FLAGGED));

        assertThatThrownBy(contract::descriptorIsValid)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("signingSecret names a credential");
        assertThatThrownBy(contract::configuredTenantUsesTheDeclaredFields)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("declares secret");
    }

    /** The passing sample's subclass, with another connector: the same configuration and requests. */
    private static WebhookConnectorContractTest contractFor(WebhookConnector connector) {
        return new SampleWebhookConnectorContractTest() {
            @Override
            protected WebhookConnector connector() {
                return connector;
            }
        };
    }
}
