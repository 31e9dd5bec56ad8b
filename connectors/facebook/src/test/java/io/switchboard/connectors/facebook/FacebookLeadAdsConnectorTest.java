package io.switchboard.connectors.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConfigField.FieldType;
import io.switchboard.connector.ConnectorDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FacebookLeadAdsConnectorTest {

    private final ConnectorDescriptor descriptor = new FacebookLeadAdsConnector().descriptor();

    @Test
    void descriptorNamesTheProviderAndItsApi() {
        assertThat(descriptor.providerId()).isEqualTo("facebook");
        assertThat(descriptor.displayName()).isEqualTo("Facebook Lead Ads");
        assertThat(descriptor.defaultApiBaseUrl()).isEqualTo(URI.create("https://graph.facebook.com"));
        assertThat(descriptor.eventTypes()).containsExactly("leadgen");
        assertThat(descriptor.callsApi()).isTrue();
    }

    @Test
    void configurationFieldsAreThePublishedOnes() {
        assertThat(descriptor.fields()).extracting(ConfigField::name, ConfigField::secret, ConfigField::required, ConfigField::type)
                .containsExactly(
                        tuple("appSecret", true, false, FieldType.TEXT),
                        tuple("pageAccessToken", true, true, FieldType.TEXT),
                        tuple("verifyToken", true, false, FieldType.TEXT),
                        tuple("pageId", false, true, FieldType.TEXT),
                        tuple("graphApiVersion", false, false, FieldType.TEXT),
                        tuple("defaultCountryCode", false, false, FieldType.TEXT));
    }

    @Test
    void pf4jExtensionIndexListsTheConnector() throws IOException {
        List<URL> indexes = Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"));
        StringBuilder all = new StringBuilder();
        for (URL index : indexes) {
            try (InputStream in = index.openStream()) {
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(all.toString()).contains(FacebookLeadAdsConnector.class.getName());
    }
}
