package io.switchboard.connectors.acuity;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.Objects;

/** The outcome of reading one appointment back from the Acuity API. */
sealed interface AppointmentLookup {

    /**
     * The API returned the appointment (a canceled one included).
     *
     * @param appointment the appointment as the API gave it
     */
    record Found(JsonObject appointment) implements AppointmentLookup {
        public Found {
            Objects.requireNonNull(appointment, "appointment");
        }
    }

    /** Acuity does not know the appointment: a forged or mistyped id, or another account's. */
    record NotFound() implements AppointmentLookup {}

    /**
     * Acuity refused the tenant's credentials or rights; only the tenant can fix it.
     *
     * @param status the HTTP status
     */
    record Refused(int status) implements AppointmentLookup {}

    /**
     * The API could not answer now (down, slow, rate-limited); a later attempt may succeed.
     *
     * @param reason why, without secrets
     * @param notBefore the least time to wait, {@link Duration#ZERO} when Acuity did not say
     */
    record Unavailable(String reason, Duration notBefore) implements AppointmentLookup {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(notBefore, "notBefore");
        }
    }

    /**
     * Any other answer that retrying will not change.
     *
     * @param reason why, without secrets
     */
    record Unusable(String reason) implements AppointmentLookup {
        public Unusable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
