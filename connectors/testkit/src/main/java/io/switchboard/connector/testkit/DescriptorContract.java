package io.switchboard.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConnectorConfig;
import io.switchboard.connector.ConnectorDescriptor;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every {@link ConnectorDescriptor} must say, checked with AssertJ. The console's forms, the API docs and
 * the webhook URLs are generated from descriptors, so a sloppy one is a bug users see.
 */
final class DescriptorContract {

    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");
    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";
    private static final Pattern HOST = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    /** Field names that hold credentials; such a field must be declared secret so it is encrypted and hidden. */
    private static final List<String> SECRET_WORDS = List.of("secret", "token", "password", "apikey", "privatekey",
            "credential");

    private DescriptorContract() {}

    /**
     * Checks the descriptor.
     *
     * @param needsEventTypes whether the connector must declare event types (webhook connectors do)
     */
    static void assertValid(ConnectorDescriptor descriptor, boolean needsEventTypes) {
        assertThat(descriptor.providerId()).as("provider id (a webhook URL path segment)").matches(PROVIDER_ID);
        assertThat(descriptor.displayName()).as("display name").isNotBlank();
        assertThat(descriptor.description()).as("description").isNotBlank();

        List<String> names = descriptor.fields().stream().map(ConfigField::name).toList();
        assertThat(names).as("config field names").doesNotHaveDuplicates();
        for (ConfigField field : descriptor.fields()) {
            assertThat(field.label()).as("label of field %s", field.name()).isNotBlank();
            assertThat(field.description()).as("description of field %s", field.name()).isNotBlank();
            if (looksLikeCredential(field.name())) {
                assertThat(field.secret())
                        .as("field %s names a credential, so it must be declared secret (encrypted, never shown)",
                                field.name())
                        .isTrue();
            }
        }

        if (needsEventTypes) {
            assertThat(descriptor.eventTypes()).as("event types the connector understands").isNotEmpty();
        }
        assertThat(descriptor.eventTypes()).as("event types").doesNotHaveDuplicates()
                .allSatisfy(type -> assertThat(type).as("event type").isNotBlank());

        URI api = descriptor.defaultApiBaseUrl();
        if (descriptor.callsApi()) {
            assertThat(api.isAbsolute()).as("default API base URL %s is absolute", api).isTrue();
            assertThat(api.getScheme()).as("scheme of the default API base URL").isIn("https", "http");
            assertThat(api.getHost()).as("host of the default API base URL").isNotBlank();
        }
        assertThat(descriptor.allowedHosts()).as("allowed hosts are bare host names, without scheme or path")
                .allSatisfy(host -> assertThat(host).matches(HOST));
    }

    /** Every value the configured context holds is a declared field of the right kind; required ones are set. */
    static void assertConfigurationIsDeclared(ConnectorDescriptor descriptor, ConnectorConfig config) {
        Set<String> secretFields = Set.copyOf(descriptor.fields().stream()
                .filter(ConfigField::secret).map(ConfigField::name).toList());
        Set<String> settingFields = Set.copyOf(descriptor.fields().stream()
                .filter(field -> !field.secret()).map(ConfigField::name).toList());
        assertThat(config.secrets().keySet())
                .as("secrets of the configured context must be fields the descriptor declares secret")
                .allSatisfy(name -> assertThat(secretFields).contains(name));
        assertThat(config.settings().keySet())
                .as("settings of the configured context must be fields the descriptor declares as settings")
                .allSatisfy(name -> assertThat(settingFields).contains(name));
        for (ConfigField field : descriptor.fields()) {
            if (field.required()) {
                boolean set = field.secret()
                        ? config.secret(field.name()).isPresent()
                        : config.settings().containsKey(field.name());
                assertThat(set).as("required field %s is set in the configured context", field.name()).isTrue();
            }
        }
    }

    private static boolean looksLikeCredential(String fieldName) {
        String lower = fieldName.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }
}
