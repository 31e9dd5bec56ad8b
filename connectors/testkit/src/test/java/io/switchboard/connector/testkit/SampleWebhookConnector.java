package io.switchboard.connector.testkit;

import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.FormBody;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.RecordContactActivity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A small connector for testing the test kit: form bodies ({@code id}, {@code type}, {@code email}) signed
 * with a hex HMAC-SHA256 in {@code X-Sample-Signature}. Built {@link Flaw#NONE} it keeps the contract; each
 * other flaw breaks one rule, to show that the contract test notices.
 */
final class SampleWebhookConnector implements WebhookConnector {

    static final String SIGNING_SECRET = "signingSecret";
    static final String HEADER = "X-Sample-Signature";

    /** The one rule a built connector breaks. */
    enum Flaw {
        NONE,
        /** Accepts a request without checking its signature. */
        ACCEPTS_UNSIGNED,
        /** Throws on bodies it cannot parse instead of rejecting them. */
        THROWS_ON_GARBAGE,
        /** Gives every verification a new dedupe key. */
        RANDOM_DEDUPE_KEY,
        /** Puts something new in every interpretation. */
        NONDETERMINISTIC_INTERPRET,
        /** Leaves the secret field unflagged in its descriptor. */
        SECRET_NOT_FLAGGED
    }

    private final Flaw flaw;

    SampleWebhookConnector(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        ConfigField secret = flaw == Flaw.SECRET_NOT_FLAGGED
                ? ConfigField.setting(SIGNING_SECRET, "Signing secret", "The shared secret.",
                        ConfigField.FieldType.TEXT)
                : ConfigField.secret(SIGNING_SECRET, "Signing secret", "The shared secret.");
        return new ConnectorDescriptor("sample", "Sample", "A connector for testing the test kit.", List.of(secret),
                List.of("order.created"), ConnectorDescriptor.NO_API, List.of());
    }

    @Override
    public Verification verify(InboundRequest request, ConnectorContext context) {
        if (flaw != Flaw.ACCEPTS_UNSIGNED && !signedByTenant(request, context)) {
            return Verification.rejected("signature does not match");
        }
        Map<String, String> form;
        try {
            form = FormBody.parse(request.body()).firstValues();
        } catch (IllegalArgumentException e) {
            if (flaw == Flaw.THROWS_ON_GARBAGE) {
                throw e;
            }
            return Verification.rejected("malformed form body");
        }
        String id = form.getOrDefault("id", "");
        String type = form.getOrDefault("type", "");
        if (id.isBlank() || type.isBlank()) {
            if (flaw == Flaw.THROWS_ON_GARBAGE) {
                throw new IllegalStateException("no id or type");
            }
            return Verification.rejected("id or type missing");
        }
        String key = flaw == Flaw.RANDOM_DEDUPE_KEY ? UUID.randomUUID().toString() : id;
        return Verification.verified(new ReceivedEvent(key, type, context.clock().instant(), request.body()));
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        Optional<String> email;
        try {
            email = FormBody.parse(delivery.payload()).first("email").filter(value -> !value.isBlank());
        } catch (IllegalArgumentException e) {
            return Interpretation.fail("stored payload is not a form");
        }
        if (email.isEmpty()) {
            return Interpretation.fail("no email in the stored payload");
        }
        String summary = flaw == Flaw.NONDETERMINISTIC_INTERPRET ? "seen " + UUID.randomUUID() : "order created";
        return Interpretation.apply(new RecordContactActivity(ContactRef.byEmail(email.get()), delivery.eventType(),
                summary, Map.of(), delivery.occurredAt()));
    }

    private static boolean signedByTenant(InboundRequest request, ConnectorContext context) {
        Optional<String> given = request.header(HEADER);
        Optional<String> secret = context.config().secret(SIGNING_SECRET);
        if (given.isEmpty() || secret.isEmpty()) {
            return false;
        }
        return matches(request.body(), given.get(), secret.get());
    }

    static String sign(String secret, byte[] body) {
        return HexFormat.of().formatHex(Signatures.hmac("HmacSHA256", secret, body));
    }

    private static boolean matches(byte[] body, String given, String secret) {
        return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                given.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
