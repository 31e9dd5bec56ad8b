package io.switchboard.platform.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.platform.support.PlatformIT;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL the one-command setup runs on makes a commit durable before the webhook's 200. */
class EmbeddedDatabaseDurabilityIT extends PlatformIT {

    @Test
    void theEmbeddedDatabaseFlushesCommitsToDisk() {
        assumeTrue(System.getenv("SWITCHBOARD_TEST_DATABASE_URL") == null, "runs against the embedded database only");

        var jdbc = placements.main().jdbc();

        assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
    }
}
