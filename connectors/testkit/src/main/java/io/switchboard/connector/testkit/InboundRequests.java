package io.switchboard.connector.testkit;

import io.switchboard.connector.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link InboundRequest}s the way the platform would hand them to a connector. */
public final class InboundRequests {

    private final String method;
    private String publicUrl = "https://switchboard.example.com/webhooks/acme/test";
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private InboundRequests(String method) {
        this.method = method;
    }

    /** A POST. */
    public static InboundRequests post() {
        return new InboundRequests("POST");
    }

    /** A GET. */
    public static InboundRequests get() {
        return new InboundRequests("GET");
    }

    /** The public URL the provider called. */
    public InboundRequests url(String value) {
        this.publicUrl = value;
        return this;
    }

    /** A header. */
    public InboundRequests header(String name, String value) {
        headers.put(name, List.of(value));
        return this;
    }

    /** A query parameter. */
    public InboundRequests query(String name, String value) {
        query.put(name, List.of(value));
        return this;
    }

    /** The raw body. */
    public InboundRequests body(byte[] value) {
        this.body = value.clone();
        return this;
    }

    /** The body as UTF-8 text. */
    public InboundRequests body(String value) {
        return body(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The request. */
    public InboundRequest build() {
        return new InboundRequest(method, publicUrl, query, headers, body);
    }
}
