package io.switchboard.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Helpers of the tests that follow messages end to end (templates, the outbox, the fake Twilio and Resend).
 * Adds no configuration, so its tests share {@link PlatformIT}'s one application context.
 */
public abstract class MessagingIT extends PlatformIT {

    /** Saves a tenant default template through the API. */
    protected void putTemplate(String slug, String key, Map<String, Object> template) {
        Response saved = api("PUT", "/api/v1/tenants/" + slug + "/templates/" + key, adminToken(), template);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    /**
     * Waits until the tenant has nothing left in the work queue: every delivery and every message reached its end
     * (a delivery's messages are queued in the transaction that completes it), so counts read afterwards are final.
     */
    protected void awaitIdle(String slug) {
        eventually(() -> assertThat(queueEntries(slug)).isZero());
    }

    /** The tenant's entries in the work queue. */
    protected long queueEntries(String slug) {
        return db().sql("SELECT count(*) FROM queue.work_items w JOIN platform.tenants t ON t.id = w.tenant_id WHERE t.slug = ?")
                .param(slug).query(Long.class).single();
    }

    /** A sender number no other test uses, so a test picks its own requests out of the shared fake's journal. */
    protected static String uniqueSenderNumber() {
        return "+3375" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
    }
}
