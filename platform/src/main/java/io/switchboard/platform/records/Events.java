package io.switchboard.platform.records;

import io.switchboard.connector.command.EventKey;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds the tenant's events by the provider objects linked to them. */
@Component
public class Events {

    /** The event the key names, if the tenant has one. */
    public Optional<Long> find(ApplyScope scope, EventKey key) {
        String column = switch (key.kind()) {
            case EventKey.STRIPE_PAYMENT_LINK -> "stripe_payment_link_id";
            case EventKey.ACUITY_APPOINTMENT_TYPE -> "acuity_appointment_type_id";
            default -> null;
        };
        if (column == null) {
            return Optional.empty();
        }
        return scope.jdbc().sql("SELECT id FROM events WHERE " + column + " = ?").param(key.value())
                .query(Long.class).optional();
    }
}
