package io.switchboard.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on the console. */
final class Log {

    private Log() {}

    static void info(String format, Object... args) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, args));
    }
}
