package io.switchboard.connectors.email;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.switchboard.connector.Channel;
import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConfigField.FieldType;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * Sends email with Resend's REST API ({@code POST /emails}) from the tenant's from-address.
 *
 * <p>Every attempt for one message carries the message's idempotency key in {@code Idempotency-Key}, so a
 * retry after a lost answer or a 5xx never sends the email twice. The call goes through the context's HTTP
 * client (resend-java has no base-URL override and its own HTTP stack would bypass the platform's host
 * allow-list and time limits).
 */
@Extension
public final class ResendEmailChannel implements MessageChannel {

    /** Secret: the Resend API key ({@code re_...}). */
    public static final String API_KEY = "apiKey";
    /** Setting: the sender, an address on a domain verified at Resend, optionally with a display name. */
    public static final String FROM_ADDRESS = "fromAddress";

    /** Resend's error name for a request whose idempotency key is still being processed. */
    static final String CONCURRENT_IDEMPOTENT_REQUESTS = "concurrent_idempotent_requests";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            "email",
            "Email (Resend)",
            "Sends the tenant's email notifications through Resend.",
            List.of(
                    ConfigField.secret(API_KEY, "API key",
                            "A Resend API key with sending access (Resend dashboard, API Keys); starts with re_."),
                    ConfigField.setting(FROM_ADDRESS, "From address",
                            "The sender, on a domain verified at Resend, for example"
                                    + " \"Atelier Lumière <notifications@atelier-lumiere.example>\".",
                            FieldType.TEXT)),
            List.of(),
            URI.create("https://api.resend.com"),
            List.of());

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public SendOutcome send(OutboundMessage message, ConnectorContext context) {
        ConnectorConfig config = context.config();
        Optional<String> apiKey = config.secret(API_KEY);
        Optional<String> from = config.setting(FROM_ADDRESS).map(String::trim);
        if (apiKey.isEmpty() || from.isEmpty()) {
            return new SendOutcome.Rejected("the email connection lacks its apiKey or fromAddress", false);
        }
        if (message.to().isBlank()) {
            return new SendOutcome.Rejected("the message has no recipient address", false);
        }
        HttpCall call = HttpCall.post(URI.create(context.apiBaseUrl() + "/emails"), "application/json",
                        requestBody(message, from.get()))
                .withHeader("Accept", "application/json")
                .withHeader("Authorization", "Bearer " + apiKey.get())
                .withHeader("Idempotency-Key", message.idempotencyKey());
        HttpResult result;
        try {
            result = context.http().send(call);
        } catch (IOException e) {
            return new SendOutcome.RetryLater("Resend unreachable: " + e.getClass().getSimpleName(), Duration.ZERO);
        }
        return outcome(result);
    }

    private static String requestBody(OutboundMessage message, String from) {
        JsonObject body = new JsonObject();
        body.addProperty("from", from);
        JsonArray to = new JsonArray();
        to.add(message.to().trim());
        body.add("to", to);
        body.addProperty("subject", message.subject());
        if (!message.html().isEmpty()) {
            body.addProperty("html", message.html());
        }
        body.addProperty("text", message.text());
        return body.toString();
    }

    private static SendOutcome outcome(HttpResult result) {
        Optional<JsonObject> json = jsonObject(result.bodyText());
        if (result.isSuccess()) {
            // Resend took the email: never retry it, even if its answer cannot be read.
            return new SendOutcome.Sent(json.flatMap(body -> text(body, "id")).orElse(""));
        }
        Optional<String> name = json.flatMap(body -> text(body, "name"));
        String reason = "Resend answered HTTP " + result.status()
                + name.map(n -> " " + n).orElse("")
                + json.flatMap(body -> text(body, "message")).map(text -> ": " + text).orElse("");
        if (result.isTransientFailure() || name.filter(CONCURRENT_IDEMPOTENT_REQUESTS::equals).isPresent()) {
            return new SendOutcome.RetryLater(reason, waitAskedFor(result));
        }
        return new SendOutcome.Rejected(reason, false);
    }

    /** The longer of {@code Retry-After} and {@code ratelimit-reset} (both in seconds), or zero. */
    private static Duration waitAskedFor(HttpResult result) {
        Optional<Duration> reset = result.header("ratelimit-reset").flatMap(ResendEmailChannel::seconds);
        return Stream.of(result.retryAfter(), reset)
                .flatMap(Optional::stream)
                .filter(wait -> !wait.isNegative())
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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
