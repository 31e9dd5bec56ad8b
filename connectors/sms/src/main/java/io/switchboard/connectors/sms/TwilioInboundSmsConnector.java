package io.switchboard.connectors.sms;

import com.twilio.security.RequestValidator;
import io.switchboard.connector.Acknowledgement;
import io.switchboard.connector.ConnectorConfig;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.FormBody;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.PhoneNumbers;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.EventKey;
import io.switchboard.connector.command.OptIn;
import io.switchboard.connector.command.OptOut;
import io.switchboard.connector.command.RecordContactActivity;
import io.switchboard.connector.command.SendNotification;
import io.switchboard.connectors.sms.OptOutKeywords.Intent;
import io.switchboard.connectors.sms.OptOutKeywords.Keyword;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Receives the SMS Twilio forwards to a tenant's number. Opt-out and opt-in keywords become {@link OptOut}
 * and {@link OptIn} (the platform then suppresses the number, sends the confirmation and logs the
 * incident); any other message is kept on the sender's timeline and may get the tenant's
 * {@code sms.auto_reply}.
 *
 * <p>Twilio signs the URL it called plus the sorted form parameters with the account's auth token, so the
 * signature is checked over the platform's public URL (it may sit behind a proxy), and the account SID in
 * the form must be the tenant's: a request signed for another account or another tenant's URL is refused.
 */
@Extension
public final class TwilioInboundSmsConnector implements WebhookConnector {

    /** The template queued for an ordinary inbound message; sent only when the tenant defines it. */
    public static final String AUTO_REPLY_TEMPLATE = "sms.auto_reply";

    /**
     * An empty TwiML answer: Twilio sends nothing back itself, because every SMS (the opt-out confirmation
     * included) goes through the platform's outbox and its suppression check.
     */
    static final Acknowledgement EMPTY_TWIML = new Acknowledgement(
            200, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");

    private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
    private static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final Pattern MESSAGE_SID = Pattern.compile("[A-Za-z0-9]{2,64}");
    /** Twilio's Advanced Opt-Out flags the keywords configured on the Messaging Service with this parameter. */
    private static final String OPT_OUT_TYPE = "OptOutType";

    @Override
    public ConnectorDescriptor descriptor() {
        return TwilioSmsDescriptor.create();
    }

    @Override
    public Verification verify(InboundRequest request, ConnectorContext context) {
        if (!FORM_CONTENT_TYPE.equals(request.mediaType())) {
            return Verification.rejected("content type is not " + FORM_CONTENT_TYPE);
        }
        ConnectorConfig config = context.config();
        Optional<String> authToken = config.secret(TwilioSmsDescriptor.AUTH_TOKEN);
        Optional<String> accountSid = config.setting(TwilioSmsDescriptor.ACCOUNT_SID);
        if (authToken.isEmpty() || accountSid.isEmpty()) {
            return Verification.rejected("the sms connection lacks its authToken or accountSid");
        }
        Optional<String> signature = request.header(SIGNATURE_HEADER).filter(value -> !value.isBlank());
        if (signature.isEmpty()) {
            return Verification.rejected(SIGNATURE_HEADER + " header missing");
        }
        Map<String, String> params;
        try {
            params = FormBody.parse(request.body()).firstValues();
        } catch (IllegalArgumentException e) {
            return Verification.rejected("malformed form body");
        }
        // RequestValidator compares in constant time and also tries the URL with and without the default port.
        if (!new RequestValidator(authToken.get()).validate(request.publicUrl(), params, signature.get().trim())) {
            return Verification.rejected(SIGNATURE_HEADER + " does not match");
        }
        if (!accountSid.get().equals(params.getOrDefault("AccountSid", ""))) {
            return Verification.rejected("AccountSid is not the tenant's Twilio account");
        }
        String messageSid = params.getOrDefault("MessageSid", "");
        if (!MESSAGE_SID.matcher(messageSid).matches()) {
            return Verification.rejected("MessageSid missing or malformed");
        }
        String eventType = TwilioTestEvent.isTestMessageSid(messageSid)
                ? TwilioTestEvent.EVENT_TYPE : TwilioSmsDescriptor.INBOUND_SMS;
        ReceivedEvent event = new ReceivedEvent(
                messageSid, eventType, context.clock().instant(), request.body());
        return new Verification.Verified(List.of(event), EMPTY_TWIML);
    }

    /**
     * An inbound SMS form signed like Twilio signs it with the tenant's auth token, for the tenant's own
     * account, whose MessageSid marks it as a test (see {@link TwilioTestEvent}): it is stored as
     * {@code switchboard.test_event} and ignored, never recorded as a message.
     */
    @Override
    public Optional<InboundRequest> testRequest(String webhookUrl, ConnectorContext context) {
        ConnectorConfig config = context.config();
        Optional<String> authToken = config.secret(TwilioSmsDescriptor.AUTH_TOKEN);
        Optional<String> accountSid = config.setting(TwilioSmsDescriptor.ACCOUNT_SID);
        if (authToken.isEmpty() || accountSid.isEmpty()) {
            return Optional.empty();
        }
        String to = config.setting(TwilioSmsDescriptor.FROM_NUMBER).orElse("");
        return Optional.of(TwilioTestEvent.request(webhookUrl, authToken.get(), accountSid.get(), to));
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        if (TwilioTestEvent.EVENT_TYPE.equals(delivery.eventType())
                || TwilioTestEvent.isTestMessageSid(delivery.dedupeKey())) {
            return Interpretation.ignore("test event");
        }
        if (!TwilioSmsDescriptor.INBOUND_SMS.equals(delivery.eventType())) {
            return Interpretation.ignore("not an inbound SMS: " + delivery.eventType());
        }
        FormBody form;
        try {
            form = FormBody.parse(delivery.payload());
        } catch (IllegalArgumentException e) {
            return Interpretation.fail("stored payload is not a form body");
        }
        Optional<String> sender = PhoneNumbers.toE164(form.first("From").orElse(""), defaultCallingCode(context));
        if (sender.isEmpty()) {
            return Interpretation.ignore("sender is not a phone number");
        }
        String from = sender.get();
        String body = form.first("Body").orElse("");
        String messageSid = form.first("MessageSid").orElse(delivery.dedupeKey());
        Instant occurredAt = delivery.occurredAt();

        Optional<Keyword> keyword = OptOutKeywords.recognise(body).or(() -> flaggedByTwilio(form, body));
        if (keyword.isPresent()) {
            String word = keyword.get().keyword();
            return keyword.get().intent() == Intent.OPT_OUT
                    ? Interpretation.apply(new OptOut(from, word, messageSid, occurredAt))
                    : Interpretation.apply(new OptIn(from, word, messageSid, occurredAt));
        }
        ContactRef contact = ContactRef.byPhone(from);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("body", body);
        data.put("to", form.first("To").orElse(""));
        data.put("messageSid", messageSid);
        return Interpretation.apply(
                new RecordContactActivity(
                        contact, TwilioSmsDescriptor.INBOUND_SMS, "SMS received from " + from, data, occurredAt),
                new SendNotification(AUTO_REPLY_TEMPLATE, contact, EventKey.none(), Map.of("message", body)));
    }

    /**
     * A keyword the tenant configured in Twilio's Advanced Opt-Out but that is not in our list: Twilio has
     * already blocked (or unblocked) the number, so our records follow it.
     */
    private static Optional<Keyword> flaggedByTwilio(FormBody form, String body) {
        String normalised = OptOutKeywords.normalise(body);
        if (normalised.isEmpty()) {
            return Optional.empty();
        }
        String type = form.first(OPT_OUT_TYPE).orElse("");
        if ("STOP".equals(type)) {
            return Optional.of(new Keyword(normalised, Intent.OPT_OUT));
        }
        if ("START".equals(type)) {
            return Optional.of(new Keyword(normalised, Intent.OPT_IN));
        }
        return Optional.empty();
    }

    private static String defaultCallingCode(ConnectorContext context) {
        return context.config().setting(TwilioSmsDescriptor.DEFAULT_COUNTRY_CODE)
                .map(code -> code.trim().replaceFirst("^\\+", ""))
                .orElse("");
    }
}
