package io.switchboard.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.switchboard.connector.testkit.Signatures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The test kit's Stripe signatures are what stripe-java computes and accepts. */
class StripeTestKitSignatureTest {

    private static final String BODY = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"charge.refunded\",\"note\":\"é\"}";
    private static final long T = 1_789_378_868L;

    @Test
    void oneSecretGivesStripeJavasOwnHeader() throws Exception {
        assertThat(Signatures.stripeSignature(BODY.getBytes(StandardCharsets.UTF_8), T, "whsec_one"))
                .isEqualTo(Webhook.Signature.generateSignatureHeader(BODY, "whsec_one", T));
    }

    @Test
    void everySecretOfARollIsAcceptedByStripeJavaAndNoOtherIs() throws Exception {
        String header = Signatures.stripeSignature(BODY.getBytes(StandardCharsets.UTF_8), T, "whsec_new", "whsec_old");

        assertThat(Webhook.Signature.verifyHeader(BODY, header, "whsec_new", 0)).isTrue();
        assertThat(Webhook.Signature.verifyHeader(BODY, header, "whsec_old", 0)).isTrue();
        assertThatThrownBy(() -> Webhook.Signature.verifyHeader(BODY, header, "whsec_other", 0))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> Webhook.Signature.verifyHeader(BODY + " ", header, "whsec_new", 0))
                .isInstanceOf(SignatureVerificationException.class);
    }
}
