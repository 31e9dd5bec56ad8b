package io.switchboard.platform.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.StripeSigner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A burst of webhooks for several tenants at once, as under load: each is acknowledged only once stored, in its
 * own tenant's schema, exactly once, duplicates racing each other in the same burst included.
 */
class ConcurrentIngressIT extends PlatformIT {

    private static final String CHECKOUT = "stripe/checkout_session_completed_payment_link.json";
    private static final int EVENTS_PER_TENANT = 20;

    @Test
    void aBurstAcrossTenantsStoresEveryEventOnceInItsOwnSchema() throws Exception {
        List<String> tenants = List.of(onboard(uniqueSlug("burst-a")), onboard(uniqueSlug("burst-b")),
                onboard(uniqueSlug("burst-c")));
        for (String slug : tenants) {
            connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_" + slug));
        }
        String template = new String(fixture(CHECKOUT), StandardCharsets.UTF_8);
        List<Callable<Integer>> posts = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (String slug : tenants) {
            for (int i = 0; i < EVENTS_PER_TENANT; i++) {
                byte[] body = template.replace("evt_1ToUHNRk2TqLm7ZdydeYpnGj", "evt_burst_" + slug + "_" + i)
                        .getBytes(StandardCharsets.UTF_8);
                // every third event is posted twice in the same burst, as a provider retry racing the original
                int copies = i % 3 == 0 ? 2 : 1;
                for (int c = 0; c < copies; c++) {
                    posts.add(() -> {
                        start.await();
                        return webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_" + slug)).status();
                    });
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            posts.forEach(post -> answers.add(pool.submit(post)));
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        for (String slug : tenants) {
            assertThat(new java.util.HashSet<>(stored(slug))).as("every event durable at its 200").hasSize(EVENTS_PER_TENANT);
            assertThat(inboxOnceMoved(slug)).hasSize(EVENTS_PER_TENANT)
                    .doesNotHaveDuplicates()
                    .allMatch(key -> key.startsWith("evt_burst_" + slug + "_"));
        }
    }
}
