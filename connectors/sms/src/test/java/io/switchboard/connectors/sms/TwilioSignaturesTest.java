package io.switchboard.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import io.switchboard.connector.testkit.Signatures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test kit's Twilio signatures are what twilio-java computes and accepts. */
class TwilioSignaturesTest {

    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> PARAMS = Map.of(
            "Digits", "1234",
            "CallSid", "CA1234567890ABCDE",
            "To", "+18005551212",
            "Caller", "+14158675309",
            "From", "+14158675309");

    @Test
    void reproducesTwilioJavasOwnTestVector() {
        // The expected value is the one twilio-java's RequestValidatorTest checks for these inputs.
        assertThat(Signatures.twilioSignature("12345", URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void twilioJavasValidatorAcceptsWhatItSignsAndRefusesAnotherToken() {
        Map<String, String> params = Map.of("Body", "Arrêter", "MessageSid", "SM1", "From", "+33639980103");
        String url = "https://switchboard.example.com/webhooks/acme/sms";

        assertThat(new RequestValidator("token-a").validate(url, params, Signatures.twilioSignature("token-a", url, params)))
                .isTrue();
        assertThat(new RequestValidator("token-a").validate(url, params, Signatures.twilioSignature("token-b", url, params)))
                .isFalse();
    }
}
