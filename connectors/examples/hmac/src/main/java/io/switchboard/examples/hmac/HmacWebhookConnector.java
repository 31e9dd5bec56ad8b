package io.switchboard.examples.hmac;

import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConfigField.FieldType;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Webhooks from any provider that signs its requests with an HMAC: the header, hash, encoding and signed
 * content are the tenant's settings, and so are the JSON paths of the event's id, type and contact. Each
 * event is stored and becomes a timeline entry on the contact it names. It is the way to connect a provider
 * that has no connector of its own yet.
 */
@Extension
public final class HmacWebhookConnector implements WebhookConnector {

    /** Secret: the shared key the provider signs with. */
    public static final String SIGNING_SECRET = "signingSecret";
    /** Setting: the request header carrying the signature, for example {@code X-Signature}. */
    public static final String SIGNATURE_HEADER = "signatureHeader";
    /** Setting: SHA1, SHA256 (default) or SHA512. */
    public static final String ALGORITHM = "algorithm";
    /** Setting: hex (default) or base64. */
    public static final String ENCODING = "encoding";
    /** Setting: text before the signature in the header, for example {@code sha256=}. */
    public static final String SIGNATURE_PREFIX = "signaturePrefix";
    /** Setting: body (default) or timestamp.body. */
    public static final String SIGNED_CONTENT = "signedContent";
    /** Setting: the header carrying the signed Unix time, for timestamp.body. */
    public static final String TIMESTAMP_HEADER = "timestampHeader";
    /** Setting: how many seconds a signed time may be from now (default 300). */
    public static final String TIMESTAMP_TOLERANCE_SECONDS = "timestampToleranceSeconds";
    /** Setting: JSON path of the event's unique id; without it the body's SHA-256 is the dedupe key. */
    public static final String DEDUPE_KEY_PATH = "dedupeKeyPath";
    /** Setting: JSON path of the event's type. */
    public static final String EVENT_TYPE_PATH = "eventTypePath";
    /** Setting: JSON path of the contact's email address. */
    public static final String CONTACT_EMAIL_PATH = "contactEmailPath";
    /** Setting: JSON path of the contact's phone number, in international form. */
    public static final String CONTACT_PHONE_PATH = "contactPhonePath";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            "hmac",
            "Generic HMAC webhook",
            "Receives JSON webhooks from any provider that signs them with an HMAC and records each event on the"
                    + " timeline of the contact it names.",
            List.of(
                    ConfigField.secret(SIGNING_SECRET, "Signing secret",
                            "The secret the provider shows for its webhooks; it keys the HMAC."),
                    ConfigField.setting(SIGNATURE_HEADER, "Signature header",
                            "The request header that carries the signature, for example X-Signature.", FieldType.TEXT),
                    ConfigField.optionalSetting(ALGORITHM, "Algorithm",
                            "The HMAC hash: SHA1, SHA256 or SHA512 (default SHA256).", FieldType.TEXT),
                    ConfigField.optionalSetting(ENCODING, "Encoding",
                            "How the signature is written: hex or base64 (default hex).", FieldType.TEXT),
                    ConfigField.optionalSetting(SIGNATURE_PREFIX, "Signature prefix",
                            "Text before the signature in the header, for example sha256= (default none).",
                            FieldType.TEXT),
                    ConfigField.optionalSetting(SIGNED_CONTENT, "Signed content",
                            "What is signed: body, or timestamp.body for the timestamp header's value, a dot and the"
                                    + " body (default body).", FieldType.TEXT),
                    ConfigField.optionalSetting(TIMESTAMP_HEADER, "Timestamp header",
                            "The header carrying the signed Unix time (seconds or milliseconds); required for"
                                    + " timestamp.body.", FieldType.TEXT),
                    ConfigField.optionalSetting(TIMESTAMP_TOLERANCE_SECONDS, "Timestamp tolerance",
                            "How many seconds a signed time may differ from now before the request is refused"
                                    + " as a replay (default 300).", FieldType.INTEGER),
                    ConfigField.optionalSetting(DEDUPE_KEY_PATH, "Event id path",
                            "JSON path of the event's unique id, for example $.id; redeliveries with the same id are"
                                    + " stored once. Without it, identical bodies are stored once.", FieldType.TEXT),
                    ConfigField.optionalSetting(EVENT_TYPE_PATH, "Event type path",
                            "JSON path of the event's type, for example $.type (default type: webhook).",
                            FieldType.TEXT),
                    ConfigField.optionalSetting(CONTACT_EMAIL_PATH, "Contact email path",
                            "JSON path of the contact's email address, for example $.data.customer.email.",
                            FieldType.TEXT),
                    ConfigField.optionalSetting(CONTACT_PHONE_PATH, "Contact phone path",
                            "JSON path of the contact's phone number in international form (+33...). Without any"
                                    + " contact path, events are stored and not applied.", FieldType.TEXT)),
            // The types are the provider's, found at eventTypePath; "webhook" is the one events get without it.
            List.of(HmacEventReader.DEFAULT_EVENT_TYPE),
            ConnectorDescriptor.NO_API,
            List.of());

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Verification verify(InboundRequest request, ConnectorContext context) {
        Optional<String> secret = context.config().secret(SIGNING_SECRET);
        if (secret.isEmpty()) {
            return Verification.rejected(SIGNING_SECRET + " is not configured");
        }
        HmacSettings settings;
        try {
            settings = HmacSettings.read(context.config());
        } catch (IllegalArgumentException e) {
            return Verification.rejected("the connection is misconfigured: " + e.getMessage());
        }
        Optional<String> problem = HmacSignatureVerifier.problem(request, settings, secret.get(), context.clock());
        if (problem.isPresent()) {
            return Verification.rejected(problem.get());
        }
        return HmacEventReader.read(request, settings, context.clock());
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        HmacSettings settings;
        try {
            settings = HmacSettings.read(context.config());
        } catch (IllegalArgumentException e) {
            // Retrying cannot help until the tenant fixes the connection; the delivery can be replayed then.
            return Interpretation.fail("the connection is misconfigured: " + e.getMessage());
        }
        return HmacEventInterpreter.interpret(delivery, settings);
    }
}
