package io.switchboard.examples.hmac;

import io.switchboard.connector.ConnectorConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * One tenant's HMAC scheme, read from its connection on every call (the connector keeps no tenant state).
 *
 * @param signatureHeader the request header carrying the signature
 * @param algorithm the HMAC hash
 * @param encoding how the header writes the HMAC bytes
 * @param signaturePrefix text before the signature in the header (for example {@code sha256=}), or empty
 * @param signedContent what is signed
 * @param timestampHeader the header carrying the Unix time signed with the body, empty unless
 *     {@link SignedContent#TIMESTAMP_AND_BODY}
 * @param tolerance how far the signed time may be from now
 * @param dedupeKeyPath where the event's unique id is, or {@link JsonFieldPath#NONE}
 * @param eventTypePath where the event's type is, or {@link JsonFieldPath#NONE}
 * @param contactEmailPath where the contact's email address is, or {@link JsonFieldPath#NONE}
 * @param contactPhonePath where the contact's phone number is, or {@link JsonFieldPath#NONE}
 */
record HmacSettings(
        String signatureHeader,
        HmacAlgorithm algorithm,
        SignatureEncoding encoding,
        String signaturePrefix,
        SignedContent signedContent,
        String timestampHeader,
        Duration tolerance,
        JsonFieldPath dedupeKeyPath,
        JsonFieldPath eventTypePath,
        JsonFieldPath contactEmailPath,
        JsonFieldPath contactPhonePath) {

    static final long DEFAULT_TOLERANCE_SECONDS = 300;

    /**
     * Reads and checks a tenant's settings.
     *
     * @throws IllegalArgumentException naming the setting that is missing or wrong (never a secret)
     */
    static HmacSettings read(ConnectorConfig config) {
        String header = config.setting(HmacWebhookConnector.SIGNATURE_HEADER)
                .orElseThrow(() -> new IllegalArgumentException(HmacWebhookConnector.SIGNATURE_HEADER + " is not set"))
                .trim();
        HmacAlgorithm algorithm = config.setting(HmacWebhookConnector.ALGORITHM).map(HmacAlgorithm::parse)
                .orElse(HmacAlgorithm.SHA256);
        SignatureEncoding encoding = config.setting(HmacWebhookConnector.ENCODING).map(SignatureEncoding::parse)
                .orElse(SignatureEncoding.HEX);
        String prefix = config.setting(HmacWebhookConnector.SIGNATURE_PREFIX).orElse("");
        SignedContent content = config.setting(HmacWebhookConnector.SIGNED_CONTENT).map(SignedContent::parse)
                .orElse(SignedContent.BODY);
        String timestampHeader = "";
        if (content == SignedContent.TIMESTAMP_AND_BODY) {
            timestampHeader = config.setting(HmacWebhookConnector.TIMESTAMP_HEADER)
                    .orElseThrow(() -> new IllegalArgumentException(HmacWebhookConnector.TIMESTAMP_HEADER
                            + " is required when signedContent is timestamp.body"))
                    .trim();
        }
        long toleranceSeconds = config.longSetting(HmacWebhookConnector.TIMESTAMP_TOLERANCE_SECONDS,
                DEFAULT_TOLERANCE_SECONDS);
        if (toleranceSeconds <= 0) {
            throw new IllegalArgumentException(HmacWebhookConnector.TIMESTAMP_TOLERANCE_SECONDS + " must be positive");
        }
        return new HmacSettings(header, algorithm, encoding, prefix, content, timestampHeader,
                Duration.ofSeconds(toleranceSeconds),
                path(config, HmacWebhookConnector.DEDUPE_KEY_PATH),
                path(config, HmacWebhookConnector.EVENT_TYPE_PATH),
                path(config, HmacWebhookConnector.CONTACT_EMAIL_PATH),
                path(config, HmacWebhookConnector.CONTACT_PHONE_PATH));
    }

    private static JsonFieldPath path(ConnectorConfig config, String name) {
        Optional<String> value = config.setting(name);
        if (value.isEmpty()) {
            return JsonFieldPath.NONE;
        }
        try {
            return JsonFieldPath.parse(value.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is " + e.getMessage(), e);
        }
    }
}
