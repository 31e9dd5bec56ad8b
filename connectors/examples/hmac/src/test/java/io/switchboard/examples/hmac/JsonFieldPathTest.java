package io.switchboard.examples.hmac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The path syntax tenants write in settings. */
class JsonFieldPathTest {

    private final JsonElement document = StrictJson.parse("""
            {"a":{"b":[{"c":"first"},{"c":" second "}],"n":7,"t":true,"z":null,"blank":"  "},"top":"x"}"""
            .getBytes(StandardCharsets.UTF_8)).orElseThrow();

    @Test
    void walksMembersAndIndexesWithOrWithoutTheDollarPrefix() {
        assertThat(JsonFieldPath.parse("$.a.b[1].c").text(document)).contains("second");
        assertThat(JsonFieldPath.parse("a.b[0].c").text(document)).contains("first");
        assertThat(JsonFieldPath.parse("top").text(document)).contains("x");
        assertThat(JsonFieldPath.parse("$.a.n").text(document)).contains("7");
        assertThat(JsonFieldPath.parse("$").find(document)).contains(document);
    }

    @Test
    void findsNoTextForMissingNullBlankNonScalarOrBooleanValues() {
        assertThat(JsonFieldPath.parse("a.missing").text(document)).isEmpty();
        assertThat(JsonFieldPath.parse("a.b[5].c").text(document)).isEmpty();
        assertThat(JsonFieldPath.parse("a.z").text(document)).isEmpty();
        assertThat(JsonFieldPath.parse("a.blank").text(document)).isEmpty();
        assertThat(JsonFieldPath.parse("a.b").text(document)).isEmpty();
        assertThat(JsonFieldPath.parse("a.t").text(document)).isEmpty();
        assertThat(JsonFieldPath.parse("top[0]").text(document)).isEmpty();
        assertThat(JsonFieldPath.NONE.text(document)).isEmpty();
    }

    @Test
    void refusesPathsOutsideTheSupportedForm() {
        for (String invalid : new String[] {"a..b", "a.", "a[x]", "a[0", "$..a", "a['b']"}) {
            assertThatThrownBy(() -> JsonFieldPath.parse(invalid)).as(invalid).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
