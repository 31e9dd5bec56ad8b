package io.switchboard.platform.api;

import io.switchboard.platform.support.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds API request bodies ({@code switchboard.api.max-body-bytes}, 1 MiB by default): a declared length over it
 * is a 413 before anything is read, and a body sent without a length stops being read at the limit, which
 * {@link ApiExceptionHandler} answers with the same 413. Webhooks have their own limit (ingress).
 */
@Component
class ApiBodyLimit extends OncePerRequestFilter {

    private final long max;
    private final JsonMapper json;

    ApiBodyLimit(@Value("${switchboard.api.max-body-bytes:1048576}") long max, JsonMapper json) {
        this.max = max;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") || path.startsWith("/api/webhooks/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > max) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write(json.writeValueAsString(tooLarge(max)));
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request, max) : request, response);
    }

    static org.springframework.http.ProblemDetail tooLarge(long max) {
        return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "The request body exceeds " + max + " bytes");
    }

    /** Read past the limit of a body sent without a declared length. */
    static final class BodyTooLargeException extends IOException {
        final long max;

        BodyTooLargeException(long max) {
            super("request body over " + max + " bytes");
            this.max = max;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), max);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private long read;

        LimitedStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new BodyTooLargeException(max);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
