package io.switchboard.platform.ingress;

import io.switchboard.connector.InboundRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/** Reads webhook requests as they arrived: the raw bytes (bounded), the headers, the public URL. */
final class RawRequests {

    private static final Set<String> UNSTORED_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

    private RawRequests() {}

    /** The body, or null when it is longer than the limit. */
    static byte[] readLimited(HttpServletRequest request, long max) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            return bytes.length > max ? null : bytes;
        }
    }

    /** The request as a connector sees it, with the URL the provider called (behind the public base URL). */
    static InboundRequest inbound(HttpServletRequest request, byte[] body, String publicBase) {
        String query = request.getQueryString();
        String url = publicBase + request.getRequestURI() + (query == null ? "" : "?" + query);
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query != null) {
            UriComponentsBuilder.fromUriString("/?" + query).build(false).getQueryParams()
                    .forEach((k, v) -> params.put(decode(k), v.stream().map(RawRequests::decode).toList()));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return new InboundRequest(request.getMethod(), url, params, headers, body);
    }

    /**
     * The headers worth keeping with a delivery, as JSON, from the request as already read: every header read
     * through the security firewall is validated again, which showed in the ingest profile.
     */
    static String headersJson(InboundRequest inbound, JsonMapper json) {
        Map<String, String> headers = new LinkedHashMap<>();
        inbound.headers().forEach((name, values) -> {
            if (!values.isEmpty() && !UNSTORED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.putIfAbsent(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return json.writeValueAsString(headers);
    }

    /** The headers worth keeping with a delivery, as JSON; credentials are never stored. */
    static String headersJson(HttpServletRequest request, JsonMapper json) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!UNSTORED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
            }
        }
        return json.writeValueAsString(headers);
    }

    private static String decode(String value) {
        return value == null ? "" : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
