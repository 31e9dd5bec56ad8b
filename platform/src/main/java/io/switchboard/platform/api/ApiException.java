package io.switchboard.platform.api;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** An API error with a stable kind (the problem {@code type}) and, for validation, the fields at fault. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String kind;
    private final Map<String, String> fieldErrors;

    public ApiException(HttpStatus status, String kind, String detail) {
        this(status, kind, detail, Map.of());
    }

    public ApiException(HttpStatus status, String kind, String detail, Map<String, String> fieldErrors) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " not found");
    }

    public static ApiException invalid(Map<String, String> fieldErrors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation", "The request has invalid fields", fieldErrors);
    }

    public HttpStatus status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
