package io.switchboard.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this contract. Plugins declare the range they need in their {@code Plugin-Requires}. */
public final class ConnectorApi {

    /** The semantic version of the connector API on the class path, for example {@code 1.0.0}. */
    public static final String VERSION = readVersion();

    private ConnectorApi() {}

    private static String readVersion() {
        try (InputStream in = ConnectorApi.class.getResourceAsStream("connector-api.properties")) {
            if (in == null) {
                throw new IllegalStateException("connector-api.properties missing from the connector-api jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
