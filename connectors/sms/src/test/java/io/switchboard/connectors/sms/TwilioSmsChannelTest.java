package io.switchboard.connectors.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.switchboard.connector.Channel;
import io.switchboard.connector.OutboundMessage;
import io.switchboard.connector.SendOutcome;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioSmsChannelTest {

    private static final String ACCOUNT_SID = "AC9b1f153598793376abf73d9df157f03a";
    private static final String AUTH_TOKEN = "3b6ac1f0d1b2c4e5f60718293a4b5c6d";
    private static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    private static final String BODY = "Atelier Lumière : votre place pour samedi 26/09 à 10h est confirmée."
            + " Répondez STOP pour ne plus recevoir de SMS.";
    private static final OutboundMessage MESSAGE = new OutboundMessage("msg-42", "+33639980101", "", BODY, "");

    private final TwilioSmsChannel channel = new TwilioSmsChannel();
    private WireMockServer twilio;

    @BeforeEach
    void startTwilio() {
        twilio = new WireMockServer(options().dynamicPort());
        twilio.start();
    }

    @AfterEach
    void stopTwilio() {
        twilio.stop();
    }

    @Test
    void sendsTheFormWithBasicAuthAndReturnsTheMessageSid() {
        answer(json(201, Fixtures.text("twilio/messages-api/create_message_response_201.json")));

        SendOutcome outcome = channel.send(MESSAGE, tenant().setting("fromNumber", "+33639989001").build());

        assertThat(outcome).isEqualTo(new SendOutcome.Sent("SM05ec64e2c6d1271db83e22077245bd68"));
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH))
                .withHeader("Authorization", equalTo(basic))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo(Fixtures.text("twilio/messages-api/create_message_request.txt"))));
    }

    @Test
    void usesTheMessagingServiceWhenNoSenderNumberIsSet() {
        answer(json(201, "{\"sid\":\"SM1\"}"));

        SendOutcome outcome = channel.send(MESSAGE,
                tenant().setting("messagingServiceSid", "MG8c8b2f484224ff79816ee5a14ab8372d").build());

        assertThat(outcome).isEqualTo(new SendOutcome.Sent("SM1"));
        String sent = twilio.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(sent).startsWith("To=%2B33639980101&MessagingServiceSid=MG8c8b2f484224ff79816ee5a14ab8372d&Body=")
                .doesNotContain("From=");
    }

    @Test
    void withoutSenderNumberOrMessagingServiceNothingIsSent() {
        SendOutcome outcome = channel.send(MESSAGE, tenant().build());

        assertThat(outcome).isInstanceOf(SendOutcome.Rejected.class);
        assertThat(((SendOutcome.Rejected) outcome).recipientOptedOut()).isFalse();
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @Test
    void withoutCredentialsNothingIsSent() {
        FakeConnectorContext context = FakeConnectorContext.builder().apiBaseUrl(twilio.baseUrl())
                .setting("accountSid", ACCOUNT_SID).setting("fromNumber", "+33639989001").build();

        assertThat(channel.send(MESSAGE, context)).isInstanceOf(SendOutcome.Rejected.class);
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @Test
    void error21610MeansTheRecipientOptedOut() {
        answer(json(400, Fixtures.text("twilio/messages-api/error_21610_unsubscribed_recipient_400.json")));

        SendOutcome outcome = send();

        assertThat(outcome).isEqualTo(new SendOutcome.Rejected(
                "Twilio answered HTTP 400, error 21610: Attempt to send to unsubscribed recipient", true));
    }

    @Test
    void anotherClientErrorIsAPlainRejection() {
        answer(json(400, "{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\",\"status\":400}"));

        SendOutcome outcome = send();

        assertThat(outcome).isEqualTo(new SendOutcome.Rejected(
                "Twilio answered HTTP 400, error 21211: Invalid 'To' Phone Number", false));
    }

    @Test
    void refusedCredentialsAreARejection() {
        answer(json(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}"));

        assertThat(send()).isEqualTo(new SendOutcome.Rejected("Twilio answered HTTP 401, error 20003: Authenticate",
                false));
    }

    @Test
    void aServerErrorIsRetriedWithThePlatformsBackoff() {
        answer(aResponse().withStatus(500).withBody("upstream failure"));

        assertThat(send()).isEqualTo(new SendOutcome.RetryLater("Twilio answered HTTP 500", Duration.ZERO));
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        answer(json(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")
                .withHeader("Retry-After", "30"));

        SendOutcome outcome = send();

        assertThat(outcome).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(((SendOutcome.RetryLater) outcome).notBefore()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aNetworkFailureIsRetried() {
        FakeConnectorContext context = tenant().setting("fromNumber", "+33639989001")
                .http(call -> {
                    throw new SocketTimeoutException("read timed out");
                })
                .build();

        SendOutcome outcome = channel.send(MESSAGE, context);

        assertThat(outcome).isEqualTo(new SendOutcome.RetryLater("Twilio unreachable: SocketTimeoutException",
                Duration.ZERO));
    }

    @Test
    void anAcceptedMessageIsNeverRetriedEvenWithAnUnreadableAnswer() {
        answer(aResponse().withStatus(201).withBody("not json"));

        assertThat(send()).isEqualTo(new SendOutcome.Sent(""));
    }

    @Test
    void sendsOnTheSmsChannel() {
        assertThat(channel.channel()).isEqualTo(Channel.SMS);
    }

    private SendOutcome send() {
        return channel.send(MESSAGE, tenant().setting("fromNumber", "+33639989001").build());
    }

    private FakeConnectorContext.Builder tenant() {
        return FakeConnectorContext.builder()
                .apiBaseUrl(twilio.baseUrl())
                .secret("authToken", AUTH_TOKEN)
                .setting("accountSid", ACCOUNT_SID);
    }

    private void answer(ResponseDefinitionBuilder response) {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
