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
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
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
     * The headers worth keeping with a delivery, as JSON, from the request as already read (every header read
     * through the security firewall is validated again, which showed in the ingest profile); credentials are never
     * stored.
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

    /**
     * Whether the body is of a kind providers send webhooks as: JSON ({@code application/json} or any
     * {@code +json} type), a form, or plain text; or undeclared, for the connector's verification to judge. Anything
     * else (XML, multipart, binary) is refused with 415 before the body is read.
     */
    static boolean acceptableContentType(HttpServletRequest request) {
        String declared = request.getContentType();
        if (declared == null || declared.isBlank()) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(declared);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || (type.getType().equals("application") && "json".equals(type.getSubtypeSuffix()))
                    || type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)
                    || type.isCompatibleWith(MediaType.TEXT_PLAIN);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static String decode(String value) {
        return value == null ? "" : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
