package io.switchboard.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantSlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "jlf-events", "a12", "clinic-2026", "abcdefghijabcdefghijabcdefghijabcdefghij"})
    void acceptsWellFormedSlugs(String slug) {
        assertThat(TenantSlug.isValid(slug)).isTrue();
        assertThat(TenantSlug.schemaFor(slug)).isEqualTo("tenant_" + slug.replace('-', '_')).matches("tenant_[a-z0-9_]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Acme", "1acme", "acme_corp", "acme-", "ac--me", "acme;drop", "../etc", "tenant\"x",
            "abcdefghijabcdefghijabcdefghijabcdefghijk", "acmé", " acme"})
    void refusesAnythingElse(String slug) {
        assertThat(TenantSlug.isValid(slug)).isFalse();
        assertThatThrownBy(() -> TenantSlug.schemaFor(slug)).isInstanceOf(IllegalArgumentException.class);
    }
}
