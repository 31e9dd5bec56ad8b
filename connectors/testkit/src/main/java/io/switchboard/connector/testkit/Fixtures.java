package io.switchboard.connector.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads provider payload fixtures from the folder named by the system property
 * {@code switchboard.fixtures-dir}.
 */
public final class Fixtures {

    private Fixtures() {}

    /** The exact bytes of a fixture file, for example {@code stripe/payment_intent_succeeded.json}. */
    public static byte[] bytes(String relativePath) {
        String dir = System.getProperty("switchboard.fixtures-dir");
        if (dir == null) {
            throw new IllegalStateException("system property switchboard.fixtures-dir is not set");
        }
        try {
            return Files.readAllBytes(Path.of(dir).resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture file as UTF-8 text. */
    public static String text(String relativePath) {
        return new String(bytes(relativePath), java.nio.charset.StandardCharsets.UTF_8);
    }
}
