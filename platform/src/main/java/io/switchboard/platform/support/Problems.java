package io.switchboard.platform.support;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 9457 problem responses with a stable {@code type} per kind of error. */
public final class Problems {

    private static final String TYPE_BASE = "https://switchboard.dev/problems/";

    private Problems() {}

    /** A problem of the given kind, for example {@code unknown-tenant}. */
    public static ProblemDetail problem(HttpStatus status, String kind, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + kind));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    /** The problem as a response with the problem+json media type. */
    public static ResponseEntity<Object> response(HttpStatus status, String kind, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(status, kind, detail));
    }
}
