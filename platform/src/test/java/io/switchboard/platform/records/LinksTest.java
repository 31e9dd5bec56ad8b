package io.switchboard.platform.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LinksTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://invoice.stripe.com/i/acct_1/test_2?s=ap",
        "https://app.acuityscheduling.com/schedule.php?owner=1&action=appt&id%5B%5D=9f", "HTTPS://example.com/x"})
    void httpsLinksPass(String url) {
        assertThat(Links.https(url)).isEqualTo(url);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"javascript:alert(1)", "data:text/html,<script>x</script>", "http://example.com/pay",
        "//example.com/pay", "/relative", "https:///no-host", "https://exa mple.com/", "  "})
    void anythingElseIsDropped(String url) {
        assertThat(Links.https(url)).isEmpty();
    }
}
