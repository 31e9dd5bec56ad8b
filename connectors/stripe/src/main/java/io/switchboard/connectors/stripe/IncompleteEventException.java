package io.switchboard.connectors.stripe;

import java.util.Optional;

/**
 * A verified event lacks a field its type always carries. Retrying cannot help, so the delivery fails
 * permanently (and can be replayed once the connector handles the shape).
 */
final class IncompleteEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    IncompleteEventException(String message) {
        super(message, null, false, false);
    }

    /** The field's value, or this exception naming the field when it is absent. */
    static <T> T require(Optional<T> value, String field) {
        return value.orElseThrow(() -> new IncompleteEventException("the event's object has no " + field));
    }
}
