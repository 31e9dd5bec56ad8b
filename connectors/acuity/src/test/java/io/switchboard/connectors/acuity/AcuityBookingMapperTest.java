package io.switchboard.connectors.acuity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.switchboard.connector.command.BookingStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcuityBookingMapperTest {

    @ParameterizedTest
    @CsvSource({
        "'{\"canceled\":true}',     rescheduled, CANCELLED",
        "'{\"canceled\":\"yes\"}',  scheduled,   CANCELLED",
        "'{\"canceled\":false}',    rescheduled, RESCHEDULED",
        "'{\"canceled\":false}',    scheduled,   BOOKED",
        "'{\"canceled\":false}',    changed,     BOOKED",
        "'{}',                      changed,     BOOKED",
        "'{\"canceled\":false}',    canceled,    BOOKED"
    })
    void canceledFlagOfTheApiWinsOverTheAction(String appointment, String action, BookingStatus expected) {
        AcuityAction parsed = AcuityAction.fromWire(action).orElseThrow();

        BookingStatus status =
                AcuityBookingMapper.status(JsonParser.parseString(appointment).getAsJsonObject(), parsed);

        assertThat(status).isEqualTo(expected);
    }
}
