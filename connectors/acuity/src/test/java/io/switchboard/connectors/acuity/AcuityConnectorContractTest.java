package io.switchboard.connectors.acuity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import io.switchboard.connector.testkit.InboundRequests;
import io.switchboard.connector.testkit.Signatures;
import io.switchboard.connector.testkit.WebhookConnectorContractTest;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The connector contract for Acuity: the {@code scheduled} webhook fixture signed with the tenant's API key,
 * and a local Acuity API that serves the appointment it names.
 */
class AcuityConnectorContractTest extends WebhookConnectorContractTest {

    private static final String API_KEY = "acuity-contract-api-key-81c2";
    private static final WireMockServer ACUITY = new WireMockServer(options().dynamicPort());

    @BeforeAll
    static void startAcuity() {
        ACUITY.start();
    }

    @AfterAll
    static void stopAcuity() {
        ACUITY.stop();
    }

    @BeforeEach
    void serveTheAppointment() {
        ACUITY.resetAll();
        ACUITY.stubFor(get(urlEqualTo("/api/v1/appointments/1387452209")).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Fixtures.bytes("acuity/api_appointment_1387452209_scheduled.json"))));
    }

    @Override
    protected WebhookConnector connector() {
        return new AcuityConnector();
    }

    @Override
    protected FakeConnectorContext.Builder contextBuilder() {
        return FakeConnectorContext.builder()
                .secret(AcuityConnector.API_KEY, API_KEY)
                .setting(AcuityConnector.USER_ID, "21458796")
                .apiBaseUrl(ACUITY.baseUrl());
    }

    @Override
    protected InboundRequest validRequest(FakeConnectorContext context) {
        return signedRequest(Fixtures.bytes("acuity/webhook_scheduled.txt"), context).orElseThrow();
    }

    @Override
    protected Optional<InboundRequest> signedRequest(byte[] body, FakeConnectorContext context) {
        String apiKey = context.config().secret(AcuityConnector.API_KEY).orElseThrow();
        return Optional.of(InboundRequests.post()
                .url("https://switchboard.example.com/webhooks/acme/acuity")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(AcuitySignatureVerifier.HEADER, Signatures.acuitySignature(apiKey, body))
                .body(body)
                .build());
    }

    @Override
    protected String signatureHeader() {
        return AcuitySignatureVerifier.HEADER;
    }
}
