package io.switchboard.platform.connectorhost;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.switchboard.connector.HttpCall;
import io.switchboard.connector.HttpResult;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client a connector gets reaches only what it declared, never follows redirects and bounds every call. */
class GuardedHttpClientTest {

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private final LoopbackListener listener = new LoopbackListener();

    @AfterEach
    void stop() {
        server.stop();
        listener.close();
    }

    @Test
    void refusesAnUndeclaredHostWithoutConnectingToIt() {
        GuardedHttpClient client = new GuardedHttpClient(Set.of("api.example.com"), true, Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.send(HttpCall.get(URI.create("https://localhost:" + listener.port() + "/x"))))
                .isInstanceOf(SecurityException.class).hasMessage("host localhost is not declared by this connector");
        assertThatThrownBy(() -> client.send(HttpCall.get(URI.create("http://127.0.0.1:" + listener.port() + "/x"))))
                .isInstanceOf(SecurityException.class).hasMessage("host 127.0.0.1 is not declared by this connector");
        // A user-info part must not smuggle another host past the check.
        assertThatThrownBy(() -> client.send(HttpCall.get(
                URI.create("https://api.example.com@localhost:" + listener.port() + "/x"))))
                .isInstanceOf(SecurityException.class);
        assertThat(listener.connections()).isZero();
    }

    @Test
    void refusesPrivateAndLoopbackAddressesOfADeclaredHostUnlessTheOperatorAllowsThem() {
        GuardedHttpClient client = new GuardedHttpClient(
                Set.of("localhost", "169.254.169.254", "10.1.2.3", "[fd00:ec2::254]", "[::1]"), false, Duration.ofSeconds(5));

        for (String url : new String[] {"https://localhost:" + listener.port() + "/", "https://169.254.169.254/latest/meta-data",
                "https://10.1.2.3/", "https://[fd00:ec2::254]/latest/meta-data", "https://[::1]:" + listener.port() + "/"}) {
            assertThatThrownBy(() -> client.send(HttpCall.get(URI.create(url)))).as(url)
                    .isInstanceOf(SecurityException.class).hasMessageContaining("resolves to a private address");
        }
        assertThat(listener.connections()).isZero();
    }

    @Test
    void refusesPlainHttpUnlessTheOperatorAllowsThePrivateNetwork() {
        GuardedHttpClient client = new GuardedHttpClient(Set.of("api.example.com"), false, Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.send(HttpCall.get(URI.create("http://api.example.com/"))))
                .isInstanceOf(SecurityException.class).hasMessage("connectors may only call https URLs");
    }

    @Test
    void returnsARedirectInsteadOfFollowingIt() throws IOException {
        server.start();
        server.stubFor(get(urlEqualTo("/start")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://localhost:" + listener.port() + "/elsewhere")));
        GuardedHttpClient client = new GuardedHttpClient(Set.of("localhost"), true, Duration.ofSeconds(5));

        HttpResult result = client.send(HttpCall.get(URI.create(server.baseUrl() + "/start")));

        assertThat(result.status()).isEqualTo(302);
        server.verify(1, getRequestedFor(urlEqualTo("/start")));
        assertThat(listener.connections()).isZero();
    }

    @Test
    void capsTheTimeOfACallAtTheOperatorsLimit() {
        server.start();
        server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));
        GuardedHttpClient client = new GuardedHttpClient(Set.of("localhost"), true, Duration.ofMillis(300));
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.send(HttpCall.get(URI.create(server.baseUrl() + "/slow"))
                .withTimeout(Duration.ofSeconds(30)))).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
}
