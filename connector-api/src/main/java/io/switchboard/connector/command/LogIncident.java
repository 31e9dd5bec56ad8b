package io.switchboard.connector.command;

import java.util.Map;
import java.util.Objects;

/**
 * Something the tenant should see in its incidents list.
 *
 * @param kind a stable machine name, for example {@code stripe.unknown_payment_link}
 * @param severity how urgent
 * @param summary one readable sentence; no secrets
 * @param details structured context
 */
public record LogIncident(String kind, Severity severity, String summary, Map<String, Object> details)
        implements Command {
    public LogIncident {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        details = Values.copy(details);
    }
}
