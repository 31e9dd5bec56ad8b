package io.switchboard.platform.connectorhost;

import io.switchboard.connector.ConnectorHttpClient;
import io.switchboard.connector.HttpCall;
import io.switchboard.connector.HttpResult;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The HTTP client connectors get. It reaches only the hosts the connector may call (its configured API
 * base URL and the hosts its descriptor declares), never follows redirects, refuses loopback, private and
 * link-local addresses unless the operator allowed them for that connector (local fakes in tests), and
 * bounds every call in time.
 */
final class GuardedHttpClient implements ConnectorHttpClient {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Set<String> allowedHosts;
    private final boolean allowPrivateNetwork;
    private final Duration maxTimeout;

    GuardedHttpClient(Set<String> allowedHosts, boolean allowPrivateNetwork, Duration maxTimeout) {
        this.allowedHosts = allowedHosts;
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.maxTimeout = maxTimeout;
    }

    @Override
    public HttpResult send(HttpCall call) throws IOException {
        URI uri = call.uri();
        check(uri);
        Duration timeout = call.timeout().compareTo(maxTimeout) > 0 ? maxTimeout : call.timeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .method(call.method(), call.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach(request::header);
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new HttpResult(response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void check(URI uri) throws UnknownHostException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowPrivateNetwork)) {
            throw new SecurityException("connectors may only call https URLs");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!allowedHosts.contains(host)) {
            throw new SecurityException("host " + host + " is not declared by this connector");
        }
        if (!allowPrivateNetwork) {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocal(address)) {
                    throw new SecurityException("host " + host + " resolves to a private address");
                }
            }
        }
    }

    /**
     * IPv6 unique local addresses (fc00::/7) are the IPv6 private networks, but {@link
     * InetAddress#isSiteLocalAddress()} only knows the deprecated fec0::/10; cloud metadata services live
     * there too (fd00:ec2::254).
     */
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }
}
