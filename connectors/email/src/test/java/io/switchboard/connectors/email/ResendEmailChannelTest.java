package io.switchboard.connectors.email;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.switchboard.connector.Channel;
import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.OutboundMessage;
import io.switchboard.connector.SendOutcome;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResendEmailChannelTest {

    private static final String API_KEY = "re_123456789_abcdefghijklmnop";
    private static final String FROM = "Atelier Lumière <notifications@atelier-lumiere.example>";

    private final ResendEmailChannel channel = new ResendEmailChannel();
    private final JsonObject fixture =
            JsonParser.parseString(Fixtures.text("resend/send_email_request.json")).getAsJsonObject();
    private final OutboundMessage message = new OutboundMessage("notif-7f3c/email",
            fixture.getAsJsonArray("to").get(0).getAsString(),
            fixture.get("subject").getAsString(),
            fixture.get("text").getAsString(),
            fixture.get("html").getAsString());
    private WireMockServer resend;

    @BeforeEach
    void startResend() {
        resend = new WireMockServer(options().dynamicPort());
        resend.start();
    }

    @AfterEach
    void stopResend() {
        resend.stop();
    }

    @Test
    void sendsTheEmailWithBearerKeyAndIdempotencyKeyAndReturnsItsId() {
        answer(json(200, Fixtures.text("resend/send_email_response_200.json")));

        SendOutcome outcome = channel.send(message, tenant());

        assertThat(outcome).isEqualTo(new SendOutcome.Sent("bdf61981-27f6-4493-b0cc-2c168bd5b01b"));
        JsonObject expected = new JsonObject();
        expected.addProperty("from", FROM);
        expected.add("to", fixture.get("to"));
        for (String member : List.of("subject", "html", "text")) {
            expected.add(member, fixture.get(member));
        }
        resend.verify(1, postRequestedFor(urlEqualTo("/emails"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withHeader("Idempotency-Key", equalTo("notif-7f3c/email"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(expected.toString())));
    }

    @Test
    void aTextOnlyEmailCarriesNoHtml() {
        answer(json(200, "{\"id\":\"e-1\"}"));

        channel.send(new OutboundMessage("k-1", "elodie.martin@example.fr", "Rappel", "À samedi !", ""), tenant());

        JsonObject sent = JsonParser.parseString(onlyRequest().getBodyAsString()).getAsJsonObject();
        assertThat(sent.has("html")).isFalse();
        assertThat(sent.get("text").getAsString()).isEqualTo("À samedi !");
    }

    @Test
    void aServerErrorThenSuccessSendsOnceWithTheSameIdempotencyKey() {
        resend.stubFor(post(urlEqualTo("/emails")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(500, "{\"statusCode\":500,\"message\":\"Internal server error\","
                        + "\"name\":\"internal_server_error\"}"))
                .willSetStateTo("recovered"));
        resend.stubFor(post(urlEqualTo("/emails")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(json(200, "{\"id\":\"e-2\"}")));

        SendOutcome first = channel.send(message, tenant());
        SendOutcome retry = channel.send(message, tenant());

        assertThat(first).isEqualTo(new SendOutcome.RetryLater(
                "Resend answered HTTP 500 internal_server_error: Internal server error", Duration.ZERO));
        assertThat(retry).isEqualTo(new SendOutcome.Sent("e-2"));
        assertThat(resend.findAll(postRequestedFor(urlEqualTo("/emails"))))
                .extracting(request -> request.getHeader("Idempotency-Key"))
                .containsExactly("notif-7f3c/email", "notif-7f3c/email");
    }

    @Test
    void rateLimitingHonoursRetryAfter() {
        answer(json(429, Fixtures.text("resend/error_429_rate_limit_exceeded.json"))
                .withHeader("retry-after", "1")
                .withHeader("ratelimit-limit", "2")
                .withHeader("ratelimit-remaining", "0")
                .withHeader("ratelimit-reset", "1"));

        SendOutcome outcome = channel.send(message, tenant());

        assertThat(outcome).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(((SendOutcome.RetryLater) outcome).notBefore()).isEqualTo(Duration.ofSeconds(1));
        assertThat(((SendOutcome.RetryLater) outcome).reason()).contains("rate_limit_exceeded");
    }

    @Test
    void aLaterRateLimitResetWinsOverAShorterRetryAfter() {
        answer(json(429, Fixtures.text("resend/error_429_rate_limit_exceeded.json"))
                .withHeader("retry-after", "1")
                .withHeader("ratelimit-reset", "60"));

        SendOutcome outcome = channel.send(message, tenant());

        assertThat(((SendOutcome.RetryLater) outcome).notBefore()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aValidationErrorIsRejectedWithResendsMessage() {
        answer(json(422, Fixtures.text("resend/error_422_missing_required_field.json")));

        assertThat(channel.send(message, tenant())).isEqualTo(new SendOutcome.Rejected(
                "Resend answered HTTP 422 missing_required_field: Missing `to` field.", false));
    }

    @Test
    void aRefusedApiKeyIsRejected() {
        answer(json(403, "{\"statusCode\":403,\"message\":\"API key is invalid\",\"name\":\"invalid_api_key\"}"));

        assertThat(channel.send(message, tenant())).isInstanceOf(SendOutcome.Rejected.class);
    }

    @Test
    void aConcurrentRequestWithTheSameKeyIsRetried() {
        answer(json(409, "{\"statusCode\":409,\"message\":\"Same idempotency key in progress\","
                + "\"name\":\"concurrent_idempotent_requests\"}"));

        assertThat(channel.send(message, tenant())).isInstanceOf(SendOutcome.RetryLater.class);
    }

    @Test
    void theSameKeyWithAnotherPayloadIsRejected() {
        answer(json(409, "{\"statusCode\":409,\"message\":\"Key reused with another payload\","
                + "\"name\":\"invalid_idempotent_request\"}"));

        assertThat(channel.send(message, tenant())).isInstanceOf(SendOutcome.Rejected.class);
    }

    @Test
    void aNetworkFailureIsRetried() {
        FakeConnectorContext context = FakeConnectorContext.builder().apiBaseUrl(resend.baseUrl())
                .secret("apiKey", API_KEY).setting("fromAddress", FROM)
                .http(call -> {
                    throw new ConnectException("connection refused");
                })
                .build();

        assertThat(channel.send(message, context))
                .isEqualTo(new SendOutcome.RetryLater("Resend unreachable: ConnectException", Duration.ZERO));
    }

    @Test
    void withoutApiKeyOrFromAddressNothingIsSent() {
        FakeConnectorContext noKey = FakeConnectorContext.builder().apiBaseUrl(resend.baseUrl())
                .setting("fromAddress", FROM).build();
        FakeConnectorContext noFrom = FakeConnectorContext.builder().apiBaseUrl(resend.baseUrl())
                .secret("apiKey", API_KEY).build();

        assertThat(channel.send(message, noKey)).isInstanceOf(SendOutcome.Rejected.class);
        assertThat(channel.send(message, noFrom)).isInstanceOf(SendOutcome.Rejected.class);
        assertThat(resend.getAllServeEvents()).isEmpty();
    }

    @Test
    void describesTheResendConnection() {
        ConnectorDescriptor descriptor = channel.descriptor();

        assertThat(channel.channel()).isEqualTo(Channel.EMAIL);
        assertThat(descriptor.providerId()).isEqualTo("email");
        assertThat(descriptor.displayName()).isEqualTo("Email (Resend)");
        assertThat(descriptor.defaultApiBaseUrl()).hasToString("https://api.resend.com");
        assertThat(descriptor.fields()).extracting(ConfigField::name, ConfigField::secret, ConfigField::required)
                .containsExactly(
                        tuple("apiKey", true, true),
                        tuple("fromAddress", false, true));
    }

    private FakeConnectorContext tenant() {
        return FakeConnectorContext.builder()
                .apiBaseUrl(resend.baseUrl())
                .secret("apiKey", API_KEY)
                .setting("fromAddress", FROM)
                .build();
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = resend.findAll(postRequestedFor(urlEqualTo("/emails")));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private void answer(ResponseDefinitionBuilder response) {
        resend.stubFor(post(urlEqualTo("/emails")).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
