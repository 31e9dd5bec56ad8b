package io.switchboard.examples.hmac;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** How the signature header writes the HMAC bytes. */
enum SignatureEncoding {
    /** Hexadecimal digits, either case. */
    HEX,
    /** Standard base64 with padding. */
    BASE64;

    /**
     * Decodes a signature as sent.
     *
     * @throws IllegalArgumentException when it is not valid in this encoding
     */
    byte[] decode(String text) {
        return this == HEX ? HexFormat.of().parseHex(text) : Base64.getDecoder().decode(text);
    }

    /**
     * Reads the setting: {@code hex} or {@code base64}, any case.
     *
     * @throws IllegalArgumentException for anything else
     */
    static SignatureEncoding parse(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT);
        for (SignatureEncoding encoding : values()) {
            if (encoding.name().equals(normalized)) {
                return encoding;
            }
        }
        throw new IllegalArgumentException("encoding must be hex or base64");
    }
}
