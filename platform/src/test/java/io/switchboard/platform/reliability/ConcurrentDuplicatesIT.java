package io.switchboard.platform.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.ScenarioResults;
import io.switchboard.platform.support.StripeSigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The same delivery posted many times at once is stored once and applied once. */
class ConcurrentDuplicatesIT extends PlatformIT {

    @Test
    void fiftyParallelCopiesLeaveOneRowAndOneEffect() throws Exception {
        String slug = onboard(uniqueSlug("parallel"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_parallel"));
        byte[] body = fixture("stripe/checkout_session_completed_payment_link.json");
        Map<String, String> headers = StripeSigner.headers(body, "whsec_parallel");

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                statuses.add(pool.submit(() -> webhook(slug, "stripe", body, headers).status()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        int rowsStored = rows(slug, "SELECT id FROM {schema}.deliveries").size();
        eventually(() -> assertThat(rows(slug, "SELECT status FROM {schema}.deliveries")).extracting(r -> r.get("status"))
                .containsExactly("PROCESSED"));
        int effects = rows(slug, "SELECT id FROM {schema}.payments").size();
        ScenarioResults.write("parallel-duplicates", "the same signed delivery posted 50 times in parallel",
                "requestsSent", 50, "acknowledged200", 50, "rowsStored", rowsStored, "effects", effects,
                "duplicates", Math.max(0, rowsStored - 1) + Math.max(0, effects - 1),
                "losses", rowsStored == 0 || effects == 0 ? 1 : 0);

        assertThat(rowsStored).isEqualTo(1);
        assertThat(rows(slug, "SELECT id FROM {schema}.payments")).hasSize(1);
        assertThat(rows(slug, "SELECT id FROM {schema}.contacts")).hasSize(1);
        assertThat(rows(slug, "SELECT id FROM {schema}.incidents WHERE kind = 'payment.unknown_event'")).hasSize(1);
    }
}
