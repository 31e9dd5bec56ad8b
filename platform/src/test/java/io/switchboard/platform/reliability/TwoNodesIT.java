package io.switchboard.platform.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.SwitchboardApplication;
import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.ScenarioResults;
import io.switchboard.platform.support.StripeEvents;
import io.switchboard.platform.support.StripeSigner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two platform nodes on one database share the backlog: every delivery is applied exactly once, and both
 * nodes do part of the work.
 */
class TwoNodesIT extends PlatformIT {

    private static final int DELIVERIES = 200;

    @Autowired
    MeterRegistry registry;

    @Test
    void twoNodesProcessASharedBacklogExactlyOnce() {
        String slug = onboard(uniqueSlug("twonodes"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_nodes"));
        String url = ((HikariDataSource) placements.main().dataSource()).getJdbcUrl();
        double before = processed(registry);

        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--switchboard.data-dir=" + Path.of("target", "node2-" + UUID.randomUUID()).toAbsolutePath())) {
            byte[] fixture = fixture("stripe/checkout_session_completed_payment_link.json");
            String secondPort = second.getEnvironment().getProperty("local.server.port");
            for (int i = 0; i < DELIVERIES; i++) {
                byte[] body = StripeEvents.checkout(fixture, "nodes" + i);
                // behind a load balancer: every other webhook reaches the second node, whose workers it wakes
                Response answer = i % 2 == 0 ? webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_nodes"))
                        : webhookTo(secondPort, slug, body, StripeSigner.headers(body, "whsec_nodes"));
                assertThat(answer.status()).isEqualTo(200);
            }

            eventually(() -> assertThat(rows(slug, "SELECT count(*) AS n FROM {schema}.deliveries WHERE status = 'PROCESSED'")
                    .get(0).get("n")).isEqualTo((long) DELIVERIES));
            double byFirst = processed(registry) - before;
            double bySecond = processed(second.getBean(MeterRegistry.class));
            long payments = (long) rows(slug, "SELECT count(*) AS n FROM {schema}.payments").get(0).get("n");
            ScenarioResults.write("two-nodes", "two platform nodes on one database drain a shared backlog",
                    "requestsSent", DELIVERIES, "acknowledged200", DELIVERIES, "processedByFirstNode", (long) byFirst,
                    "processedBySecondNode", (long) bySecond, "effects", payments,
                    "duplicates", (long) (byFirst + bySecond) - DELIVERIES, "losses", DELIVERIES - payments);
            assertThat(byFirst + bySecond).as("each delivery applied once across both nodes").isEqualTo(DELIVERIES);
            assertThat(bySecond).as("the second node took part").isPositive();
            assertThat(rows(slug, "SELECT count(*) AS n FROM {schema}.payments").get(0).get("n")).isEqualTo((long) DELIVERIES);
            assertThat(rows(slug, "SELECT max(attempts) AS n FROM {schema}.deliveries").get(0).get("n")).isEqualTo(1);
        }
    }

    private Response webhookTo(String port, String slug, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/" + slug
                + "/stripe")).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request);
    }

    private static double processed(MeterRegistry registry) {
        return registry.find("switchboard.deliveries.processed").tag("provider", "stripe").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
