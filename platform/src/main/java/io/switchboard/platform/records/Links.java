package io.switchboard.platform.records;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Links from providers that templates may show ({@code booking.url}, {@code invoice.url}). Only absolute https
 * URLs with a host pass: a template puts them in an email's {@code href}, where escaping stops HTML injection but
 * not a {@code javascript:} or {@code data:} URL.
 */
final class Links {

    private Links() {}

    /** The URL when it is an absolute https URL with a host, otherwise empty. */
    static String https(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        try {
            URI uri = new URI(url.trim());
            boolean https = uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("https");
            return https && uri.getHost() != null ? uri.toString() : "";
        } catch (URISyntaxException e) {
            return "";
        }
    }
}
