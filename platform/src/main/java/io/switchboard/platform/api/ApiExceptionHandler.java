package io.switchboard.platform.api;

import io.switchboard.platform.support.Problems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as {@code application/problem+json} (RFC 9457) with a stable {@code type} per kind;
 * validation errors list the fields. No stack trace, SQL or secret ever reaches a response.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        ProblemDetail problem = Problems.problem(e.status(), e.kind(), e.getMessage());
        if (!e.fieldErrors().isEmpty()) {
            problem.setProperty("errors", e.fieldErrors());
        }
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return api(ApiException.invalid(Map.of(e.getName(), "has an invalid value")));
    }

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Object> database(org.springframework.core.NestedRuntimeException e) {
        log.warn("Database error on an API call: {}", e.getMostSpecificCause().toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "Storage is unavailable"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiBodyLimit.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(ApiBodyLimit.tooLarge(tooLarge.max));
            }
        }
        return Problems.response(HttpStatus.BAD_REQUEST, "malformed-body", "The request body is not valid JSON of the expected shape");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        ex.getBindingResult().getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(), f.getDefaultMessage()));
        return api(ApiException.invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            HttpStatus status = HttpStatus.valueOf(statusCode.value());
            problem.setType(Problems.problem(status, kindOf(status), "").getType());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String kindOf(HttpStatus status) {
        return switch (status) {
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case NOT_FOUND -> "not-found";
            case NOT_ACCEPTABLE -> "not-acceptable";
            default -> "bad-request";
        };
    }
}
