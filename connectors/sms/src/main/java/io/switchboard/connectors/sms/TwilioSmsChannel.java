package io.switchboard.connectors.sms;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.switchboard.connector.Channel;
import io.switchboard.connector.ConnectorConfig;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.HttpCall;
import io.switchboard.connector.HttpResult;
import io.switchboard.connector.MessageChannel;
import io.switchboard.connector.OutboundMessage;
import io.switchboard.connector.SendOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * Sends SMS with Twilio's Messages API ({@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}) from
 * the tenant's sender number or Messaging Service.
 *
 * <p>The call goes through the context's HTTP client rather than the twilio SDK's own, so the platform's
 * host allow-list and time limits apply and operators can point the connector at another base URL. Twilio's
 * error 21610 (the recipient replied STOP to that sender) is reported as an opt-out so the platform
 * suppresses the number too.
 */
@Extension
public final class TwilioSmsChannel implements MessageChannel {

    /** Twilio's error code for a recipient who unsubscribed from the sender. */
    static final int UNSUBSCRIBED_RECIPIENT = 21610;

    private static final Pattern PATH_SAFE_SID = Pattern.compile("[A-Za-z0-9]{2,64}");

    @Override
    public ConnectorDescriptor descriptor() {
        return TwilioSmsDescriptor.create();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public SendOutcome send(OutboundMessage message, ConnectorContext context) {
        ConnectorConfig config = context.config();
        Optional<String> accountSid = config.setting(TwilioSmsDescriptor.ACCOUNT_SID).map(String::trim);
        Optional<String> authToken = config.secret(TwilioSmsDescriptor.AUTH_TOKEN);
        if (accountSid.isEmpty() || authToken.isEmpty()) {
            return new SendOutcome.Rejected("the sms connection lacks its accountSid or authToken", false);
        }
        if (!PATH_SAFE_SID.matcher(accountSid.get()).matches()) {
            return new SendOutcome.Rejected("the sms connection's accountSid is malformed", false);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.to());
        Optional<String> fromNumber = config.setting(TwilioSmsDescriptor.FROM_NUMBER).map(String::trim);
        Optional<String> service = config.setting(TwilioSmsDescriptor.MESSAGING_SERVICE_SID).map(String::trim);
        if (fromNumber.isPresent()) {
            form.put("From", fromNumber.get());
        } else if (service.isPresent()) {
            form.put("MessagingServiceSid", service.get());
        } else {
            return new SendOutcome.Rejected("the sms connection has neither a fromNumber nor a messagingServiceSid",
                    false);
        }
        form.put("Body", message.text());

        URI uri = URI.create(context.apiBaseUrl() + "/2010-04-01/Accounts/" + accountSid.get() + "/Messages.json");
        HttpCall call = HttpCall.post(uri, "application/x-www-form-urlencoded", encode(form))
                .withHeader("Accept", "application/json")
                .withBasicAuth(accountSid.get(), authToken.get());
        HttpResult result;
        try {
            result = context.http().send(call);
        } catch (IOException e) {
            return new SendOutcome.RetryLater("Twilio unreachable: " + e.getClass().getSimpleName(), Duration.ZERO);
        }
        return outcome(result);
    }

    private static SendOutcome outcome(HttpResult result) {
        Optional<JsonObject> json = jsonObject(result.bodyText());
        if (result.isSuccess()) {
            // Twilio took the message: never retry it, even if its answer cannot be read.
            return new SendOutcome.Sent(json.flatMap(body -> text(body, "sid")).orElse(""));
        }
        String reason = "Twilio answered HTTP " + result.status()
                + json.flatMap(body -> text(body, "code")).map(code -> ", error " + code).orElse("")
                + json.flatMap(body -> text(body, "message")).map(text -> ": " + text).orElse("");
        if (result.isTransientFailure()) {
            Duration wait = result.retryAfter().filter(d -> !d.isNegative()).orElse(Duration.ZERO);
            return new SendOutcome.RetryLater(reason, wait);
        }
        boolean optedOut = json.flatMap(body -> text(body, "code"))
                .map(code -> code.equals(String.valueOf(UNSUBSCRIBED_RECIPIENT)))
                .orElse(false);
        return new SendOutcome.Rejected(reason, optedOut);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Optional<JsonObject> jsonObject(String text) {
        try {
            JsonElement element = JsonParser.parseString(text);
            return element.isJsonObject() ? Optional.of(element.getAsJsonObject()) : Optional.empty();
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value == null || !value.isJsonPrimitive() ? Optional.empty() : Optional.of(value.getAsString());
    }
}
