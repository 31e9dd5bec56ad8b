package io.switchboard.examples.hmac;

import java.util.Locale;

/** What the provider feeds into the HMAC. */
enum SignedContent {
    /** The raw body bytes. */
    BODY("body"),
    /**
     * The timestamp header's value, a dot, then the raw body: binding the time into the signature lets the
     * receiver refuse replays of old requests.
     */
    TIMESTAMP_AND_BODY("timestamp.body");

    private final String settingValue;

    SignedContent(String settingValue) {
        this.settingValue = settingValue;
    }

    /** How a tenant writes it in the {@code signedContent} setting. */
    String settingValue() {
        return settingValue;
    }

    /**
     * Reads the setting: {@code body} or {@code timestamp.body}.
     *
     * @throws IllegalArgumentException for anything else
     */
    static SignedContent parse(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        for (SignedContent content : values()) {
            if (content.settingValue.equals(normalized)) {
                return content;
            }
        }
        throw new IllegalArgumentException("signedContent must be body or timestamp.body");
    }
}
