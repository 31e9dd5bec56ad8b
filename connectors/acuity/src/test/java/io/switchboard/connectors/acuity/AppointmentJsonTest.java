package io.switchboard.connectors.acuity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppointmentJsonTest {

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @ParameterizedTest
    @CsvSource({
        "2026-09-26T10:00:00+0200,  2026-09-26T08:00:00Z",
        "2026-09-26T10:00:00+02:00, 2026-09-26T08:00:00Z",
        "2026-09-26T10:00:00-0500,  2026-09-26T15:00:00Z",
        "2026-09-26T10:00:00Z,      2026-09-26T10:00:00Z"
    })
    void datetimeWithAnyOffsetStyleIsRead(String datetime, String expected) {
        assertThat(AppointmentJson.instant(json("{\"datetime\":\"" + datetime + "\"}"), "datetime"))
                .contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"September 26 2026", "2026-09-26T10:00:00", "''"})
    void unreadableDatetimeIsEmpty(String datetime) {
        assertThat(AppointmentJson.instant(json("{\"datetime\":\"" + datetime + "\"}"), "datetime")).isEmpty();
    }
}
