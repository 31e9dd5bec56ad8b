package io.switchboard.examples.hmac;

import java.util.Locale;

/** The HMAC hash functions a tenant can choose. */
enum HmacAlgorithm {
    SHA1("HmacSHA1"),
    SHA256("HmacSHA256"),
    SHA512("HmacSHA512");

    private final String jcaName;

    HmacAlgorithm(String jcaName) {
        this.jcaName = jcaName;
    }

    /** The name {@link javax.crypto.Mac} knows it by. */
    String jcaName() {
        return jcaName;
    }

    /**
     * Reads the setting as people write it: {@code SHA256}, {@code sha-256} and {@code HmacSHA256} are the same.
     *
     * @throws IllegalArgumentException for anything else
     */
    static HmacAlgorithm parse(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (normalized.startsWith("HMAC")) {
            normalized = normalized.substring(4);
        }
        for (HmacAlgorithm algorithm : values()) {
            if (algorithm.name().equals(normalized)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("algorithm must be SHA1, SHA256 or SHA512");
    }
}
