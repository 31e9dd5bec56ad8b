package io.switchboard.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.switchboard.connector.Acknowledgement;
import io.switchboard.connector.FormBody;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.EventKey;
import io.switchboard.connector.command.OptIn;
import io.switchboard.connector.command.OptOut;
import io.switchboard.connector.command.RecordContactActivity;
import io.switchboard.connector.command.SendNotification;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import io.switchboard.connector.testkit.InboundRequests;
import io.switchboard.connector.testkit.Signatures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioInboundSmsConnectorTest {

    private static final String AUTH_TOKEN = "3b6ac1f0d1b2c4e5f60718293a4b5c6d";
    private static final String ACCOUNT_SID = "AC9b1f153598793376abf73d9df157f03a";
    private static final String URL = "https://switchboard.example.com/webhooks/acme/sms";
    private static final Instant NOW = Instant.parse("2026-07-30T10:00:00Z");

    private final TwilioInboundSmsConnector connector = new TwilioInboundSmsConnector();
    private final FakeConnectorContext context = tenant(ACCOUNT_SID).build();

    @ParameterizedTest(name = "{0} verifies")
    @ValueSource(strings = {
        "sms_stop", "sms_stop_padded_lowercase", "sms_arreter_accent", "sms_arret_uppercase",
        "sms_desabonner_lowercase", "sms_unsubscribe", "sms_start", "sms_info_request"
    })
    void everyInboundFixtureVerifiesWithItsTwilioSignature(String fixture) {
        byte[] body = Fixtures.bytes("twilio/inbound-sms/" + fixture + ".txt");
        Map<String, String> params = params(fixture);

        Verification verification = connector.verify(signedRequest(body, params, AUTH_TOKEN, URL).build(), context);

        assertThat(verification).isInstanceOf(Verification.Verified.class);
        Verification.Verified verified = (Verification.Verified) verification;
        assertThat(verified.events()).singleElement().satisfies(event -> {
            assertThat(event.dedupeKey()).isEqualTo(params.get("MessageSid"));
            assertThat(event.eventType()).isEqualTo("sms.inbound");
            assertThat(event.occurredAt()).isEqualTo(NOW);
            assertThat(event.payload()).isEqualTo(body);
        });
        assertThat(verified.acknowledgement()).isEqualTo(new Acknowledgement(200, "text/xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>"));
    }

    @ParameterizedTest(name = "{0} opts {1} out with {2}")
    @CsvSource({
        "sms_stop, +33639980101, STOP",
        "sms_stop_padded_lowercase, +33639980102, STOP",
        "sms_arreter_accent, +33639980103, ARRETER",
        "sms_arret_uppercase, +33639980104, ARRET",
        "sms_desabonner_lowercase, +33639980105, DESABONNER",
        "sms_unsubscribe, +33639980106, UNSUBSCRIBE"
    })
    void eachStopVariantGivesExactlyOneOptOut(String fixture, String phone, String keyword) {
        Interpretation interpretation = verifyAndInterpret(fixture);

        assertThat(interpretation).isEqualTo(Interpretation.apply(
                new OptOut(phone, keyword, params(fixture).get("MessageSid"), NOW)));
    }

    @Test
    void startOptsBackIn() {
        assertThat(verifyAndInterpret("sms_start")).isEqualTo(Interpretation.apply(
                new OptIn("+33639980101", "START", "SM1ea6144bcda7b8d6730ba6e5894e845d", NOW)));
    }

    @Test
    void anOrdinaryMessageIsKeptOnTheTimelineAndMayGetTheAutoReply() {
        ContactRef sender = ContactRef.byPhone("+33639980107");

        assertThat(verifyAndInterpret("sms_info_request")).isEqualTo(Interpretation.apply(
                new RecordContactActivity(sender, "sms.inbound", "SMS received from +33639980107",
                        Map.of("body", "Bonjour, je veux plus d'infos",
                                "to", "+33639989001",
                                "messageSid", "SM8a649a958f33bbd62c89d3d181979a36"),
                        NOW),
                new SendNotification("sms.auto_reply", sender, EventKey.none(),
                        Map.of("message", "Bonjour, je veux plus d'infos"))));
    }

    @Test
    void aKeywordInsideASentenceIsAnOrdinaryMessage() {
        Interpretation interpretation = verifyAndInterpret(form(Map.of(
                "MessageSid", "SM11", "AccountSid", ACCOUNT_SID, "From", "+33639980108", "Body", "STOP please")));

        assertThat(((Interpretation.Apply) interpretation).commands())
                .hasSize(2)
                .noneMatch(command -> command instanceof OptOut)
                .first().isInstanceOf(RecordContactActivity.class);
    }

    @Test
    void aCustomKeywordTwilioFlaggedAsOptOutIsHonoured() {
        // Tenants may add keywords to Twilio's Advanced Opt-Out; Twilio has then blocked the number already.
        Interpretation interpretation = verifyAndInterpret(form(Map.of("MessageSid", "SM12", "AccountSid",
                ACCOUNT_SID, "From", "+33639980108", "Body", "Basta", "OptOutType", "STOP")));

        assertThat(interpretation).isEqualTo(Interpretation.apply(new OptOut("+33639980108", "BASTA", "SM12", NOW)));
    }

    @Test
    void aSenderInNationalFormGetsTheDefaultCallingCode() {
        FakeConnectorContext french = tenant(ACCOUNT_SID).setting("defaultCountryCode", "+33").build();
        byte[] body = form(Map.of("MessageSid", "SM13", "AccountSid", ACCOUNT_SID, "From", "06 39 98 01 09",
                "Body", "Stop"));

        Interpretation interpretation = interpret(verify(body, french), french);

        assertThat(interpretation).isEqualTo(Interpretation.apply(new OptOut("+33639980109", "STOP", "SM13", NOW)));
    }

    @Test
    void aSenderThatIsNoPhoneNumberIsIgnored() {
        byte[] body = form(Map.of("MessageSid", "SM14", "AccountSid", ACCOUNT_SID, "From", "Atelier", "Body", "STOP"));

        assertThat(verifyAndInterpret(body)).isInstanceOf(Interpretation.Ignore.class);
    }

    @Test
    void aSignatureMadeWithAnotherAuthTokenIsRejected() {
        byte[] body = Fixtures.bytes("twilio/inbound-sms/sms_stop.txt");

        Verification verification = connector.verify(
                signedRequest(body, params("sms_stop"), "not-the-tenants-token", URL).build(), context);

        assertThat(verification).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void aBodyChangedAfterSigningIsRejected() {
        byte[] tampered = Fixtures.text("twilio/inbound-sms/sms_stop.txt").replace("Body=STOP", "Body=START")
                .getBytes(StandardCharsets.UTF_8);

        Verification verification = connector.verify(
                signedRequest(tampered, params("sms_stop"), AUTH_TOKEN, URL).build(), context);

        assertThat(verification).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void aRequestSignedForAnotherUrlIsRejected() {
        // Signed for tenant "other" and replayed to tenant acme's URL.
        byte[] body = Fixtures.bytes("twilio/inbound-sms/sms_stop.txt");
        String otherTenantsUrl = "https://switchboard.example.com/webhooks/other/sms";
        String signature = Signatures.twilioSignature(AUTH_TOKEN, otherTenantsUrl, params("sms_stop"));

        InboundRequest request = formRequest(body).url(URL).header("X-Twilio-Signature", signature).build();

        assertThat(connector.verify(request, context)).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void aSignedRequestFromAnotherTwilioAccountIsRejected() {
        // Same auth token on both sides, so the signature is valid: only the account check can refuse it.
        FakeConnectorContext otherAccount = tenant("AC00000000000000000000000000000000").build();
        byte[] body = Fixtures.bytes("twilio/inbound-sms/sms_stop.txt");

        Verification verification = connector.verify(
                signedRequest(body, params("sms_stop"), AUTH_TOKEN, URL).build(), otherAccount);

        assertThat(verification).isEqualTo(Verification.rejected("AccountSid is not the tenant's Twilio account"));
    }

    @Test
    void aSignedRequestWithoutMessageSidIsRejected() {
        byte[] body = form(Map.of("AccountSid", ACCOUNT_SID, "From", "+33639980101", "Body", "STOP"));

        Verification verification = connector.verify(
                signedRequest(body, paramsOf(body), AUTH_TOKEN, URL).build(), context);

        assertThat(verification).isEqualTo(Verification.rejected("MessageSid missing or malformed"));
    }

    @Test
    void aJsonBodyIsRejectedWhateverItsSignature() {
        byte[] json = Fixtures.bytes("twilio/inbound-sms/sms_stop.json");
        String signature = Signatures.twilioSignature(AUTH_TOKEN, URL, params("sms_stop"));
        InboundRequest request = InboundRequests.post().url(URL).header("Content-Type", "application/json")
                .header("X-Twilio-Signature", signature).body(json).build();

        assertThat(connector.verify(request, context))
                .isEqualTo(Verification.rejected("content type is not application/x-www-form-urlencoded"));
    }

    @Test
    void aRequestWithoutSignatureIsRejected() {
        InboundRequest request = formRequest(Fixtures.bytes("twilio/inbound-sms/sms_stop.txt")).url(URL).build();

        assertThat(connector.verify(request, context)).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void aMalformedFormIsRejectedNotThrown() {
        InboundRequest request = formRequest("Body=%E9%ZZ".getBytes(StandardCharsets.UTF_8)).url(URL)
                .header("X-Twilio-Signature", "c2lnbmF0dXJl").build();

        assertThat(connector.verify(request, context)).isEqualTo(Verification.rejected("malformed form body"));
    }

    @Test
    void aConnectionWithoutAuthTokenRejectsEverything() {
        FakeConnectorContext unconfigured = FakeConnectorContext.builder().setting("accountSid", ACCOUNT_SID).build();
        byte[] body = Fixtures.bytes("twilio/inbound-sms/sms_stop.txt");

        Verification verification = connector.verify(
                signedRequest(body, params("sms_stop"), AUTH_TOKEN, URL).build(), unconfigured);

        assertThat(verification).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void describesTheTwilioConnectionFields() {
        var descriptor = connector.descriptor();

        assertThat(descriptor.providerId()).isEqualTo("sms");
        assertThat(descriptor.displayName()).isEqualTo("SMS (Twilio)");
        assertThat(descriptor.defaultApiBaseUrl()).hasToString("https://api.twilio.com");
        assertThat(descriptor.fields()).extracting(f -> f.name() + (f.secret() ? " secret" : "")
                        + (f.required() ? " required" : ""))
                .containsExactly("authToken secret required", "accountSid required", "fromNumber",
                        "messagingServiceSid", "defaultCountryCode");
        assertThat(new TwilioSmsChannel().descriptor()).isEqualTo(descriptor);
    }

    private Interpretation verifyAndInterpret(String fixture) {
        byte[] body = Fixtures.bytes("twilio/inbound-sms/" + fixture + ".txt");
        return interpret(connector.verify(signedRequest(body, params(fixture), AUTH_TOKEN, URL).build(), context),
                context);
    }

    private Interpretation verifyAndInterpret(byte[] body) {
        return interpret(verify(body, context), context);
    }

    private Verification verify(byte[] body, FakeConnectorContext tenantContext) {
        return connector.verify(signedRequest(body, paramsOf(body), AUTH_TOKEN, URL).build(), tenantContext);
    }

    private Interpretation interpret(Verification verification, FakeConnectorContext tenantContext) {
        assertThat(verification).isInstanceOf(Verification.Verified.class);
        ReceivedEvent event = ((Verification.Verified) verification).events().get(0);
        StoredDelivery delivery = new StoredDelivery("d-1", event.dedupeKey(), event.eventType(), event.occurredAt(),
                NOW.plusSeconds(1), event.payload(), 1);
        return connector.interpret(delivery, tenantContext);
    }

    private static FakeConnectorContext.Builder tenant(String accountSid) {
        return FakeConnectorContext.builder().secret("authToken", AUTH_TOKEN).setting("accountSid", accountSid);
    }

    /** The parameters Twilio signed, read from the fixture's JSON twin rather than parsed from the body. */
    private static Map<String, String> params(String fixture) {
        return new Gson().fromJson(Fixtures.text("twilio/inbound-sms/" + fixture + ".json"),
                new TypeToken<Map<String, String>>() {}.getType());
    }

    private static InboundRequests signedRequest(byte[] body, Map<String, String> signedParams, String token,
            String url) {
        return formRequest(body).url(url)
                .header("X-Twilio-Signature", Signatures.twilioSignature(token, url, signedParams));
    }

    private static InboundRequests formRequest(byte[] body) {
        return InboundRequests.post().header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .body(body);
    }

    private static byte[] form(Map<String, String> params) {
        Map<String, String> ordered = new LinkedHashMap<>(params);
        return ordered.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The parameters of a body the test built itself. */
    private static Map<String, String> paramsOf(byte[] body) {
        return FormBody.parse(body).firstValues();
    }
}
