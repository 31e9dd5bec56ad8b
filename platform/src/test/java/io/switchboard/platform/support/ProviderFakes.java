package io.switchboard.platform.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.connector.FormBody;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stubs of the outbound providers on the shared WireMock, and what they received, read back from its request
 * journal. Test classes run one after another on one platform, so a message of an earlier test may still
 * arrive: tests pick their own requests by sender number, account or API key, never by count alone.
 */
public final class ProviderFakes {

    /** Twilio's Messages API path for any account. */
    public static final String TWILIO_MESSAGES = "/2010-04-01/Accounts/[^/]+/Messages\\.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProviderFakes() {}

    /** Twilio accepts every message with the given 201 answer. */
    public static void twilioAccepts(WireMockServer server, byte[] created201) {
        server.stubFor(post(urlPathMatching(TWILIO_MESSAGES)).atPriority(10).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created201)));
    }

    /** Resend accepts every email with the given 200 answer. */
    public static void resendAccepts(WireMockServer server, byte[] ok200) {
        server.stubFor(post(urlPathEqualTo("/emails")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ok200)));
    }

    /** Every SMS request the fake Twilio received that matches, oldest first. */
    public static List<Sms> sms(WireMockServer server, Predicate<Sms> which) {
        return server.findAll(postRequestedFor(urlPathMatching(TWILIO_MESSAGES))).stream()
                .map(Sms::of).filter(which).sorted(Comparator.comparing(Sms::loggedAt)).toList();
    }

    /** The SMS requests sent from the sender number, oldest first. */
    public static List<Sms> smsFrom(WireMockServer server, String fromNumber) {
        return sms(server, s -> fromNumber.equals(s.from()));
    }

    /** The email requests made with the Resend API key, oldest first. */
    public static List<Email> emailsWithKey(WireMockServer server, String apiKey) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/emails"))).stream()
                .map(Email::of).filter(e -> ("Bearer " + apiKey).equals(e.authorization()))
                .sorted(Comparator.comparing(Email::loggedAt)).toList();
    }

    /**
     * One request to Twilio's Messages API.
     *
     * @param accountSid the account in the path
     * @param authorization the Authorization header
     * @param from the From parameter
     * @param to the To parameter
     * @param body the Body parameter
     * @param loggedAt when WireMock received it
     */
    public record Sms(String accountSid, String authorization, String from, String to, String body, Instant loggedAt) {
        static Sms of(LoggedRequest request) {
            FormBody form = FormBody.parse(request.getBody());
            String account = request.getUrl().replaceFirst("^/2010-04-01/Accounts/([^/]+)/.*$", "$1");
            return new Sms(account, request.getHeader("Authorization"), form.first("From").orElse(""),
                    form.first("To").orElse(""), form.first("Body").orElse(""), request.getLoggedDate().toInstant());
        }
    }

    /**
     * One request to Resend's {@code POST /emails}.
     *
     * @param authorization the Authorization header
     * @param idempotencyKey the Idempotency-Key header
     * @param json the request body
     * @param loggedAt when WireMock received it
     */
    public record Email(String authorization, String idempotencyKey, JsonNode json, Instant loggedAt) {
        static Email of(LoggedRequest request) {
            return new Email(request.getHeader("Authorization"), request.getHeader("Idempotency-Key"),
                    JSON.readTree(request.getBodyAsString()), request.getLoggedDate().toInstant());
        }

        public String subject() {
            return json.path("subject").asString();
        }

        public String html() {
            return json.path("html").asString();
        }

        public String text() {
            return json.path("text").asString();
        }
    }
}
