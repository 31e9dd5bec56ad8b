package io.switchboard.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.StripeEvents;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import io.switchboard.platform.tenancy.TenantRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The move of webhooks from the intake into their tenant's inbox (ADR 18): it keeps the time they were received,
 * hands the new deliveries to the worker that held the intake entries, never moves an event twice, drops an event
 * the inbox already has, and loses nothing when the worker that claimed the entries died before moving them.
 */
class IntakeMoveIT extends PlatformIT {

    private static final byte[] CHECKOUT = fixture("stripe/checkout_session_completed_payment_link.json");
    private static final Instant RECEIVED = Instant.parse("2026-12-01T08:00:00Z");

    @Autowired
    IntakeMover mover;

    @Autowired
    TenantRegistry tenants;

    @Autowired
    TenantDatabase database;

    @Autowired
    DeliveryProcessor deliveries;

    @Autowired
    SwitchboardProperties properties;

    @Test
    void theMoveKeepsTheReceiptTimeLeasesTheDeliveriesToTheSameWorkerAndIsNeverDoneTwice() {
        Tenant tenant = tenant("move");
        // leased to a worker of this test, so that the platform's own workers leave them alone
        List<WorkItem> claimed = List.of(intake(tenant, "evt_move_1", "test-worker", "10 minutes"),
                intake(tenant, "evt_move_2", "test-worker", "10 minutes"));

        List<WorkItem> moved = mover.move(tenant, claimed);

        assertThat(moved).hasSize(2).allSatisfy(item -> {
            assertThat(item.kind()).isEqualTo("DELIVERY");
            assertThat(item.tenantId()).isEqualTo(tenant.id());
            assertThat(item.attempts()).isEqualTo(1);
        });
        assertThat(rows(tenant.slug(), "SELECT id, dedupe_key, received_at, status FROM {schema}.deliveries ORDER BY dedupe_key"))
                .extracting(r -> r.get("dedupe_key"), r -> ((Timestamp) r.get("received_at")).toInstant(), r -> r.get("status"))
                .containsExactly(tuple("evt_move_1", RECEIVED, "RECEIVED"),
                        tuple("evt_move_2", RECEIVED, "RECEIVED"));
        assertThat(moved).extracting(WorkItem::itemId).containsExactlyInAnyOrderElementsOf(
                rows(tenant.slug(), "SELECT id FROM {schema}.deliveries").stream().map(r -> (Long) r.get("id")).toList());
        assertThat(db().sql("SELECT count(*) FROM queue.intake WHERE tenant_id = ?").param(tenant.id())
                .query(Long.class).single()).as("intake rows left").isZero();
        assertThat(db().sql("SELECT kind, locked_by, locked_until > now() + interval '9 minutes' AS leased "
                        + "FROM queue.work_items WHERE tenant_id = ?").param(tenant.id()).query().listOfRows())
                .as("the INTAKE entries replaced by DELIVERY entries under the same lease")
                .containsOnly(Map.of("kind", "DELIVERY", "locked_by", "test-worker", "leased", true)).hasSize(2);

        assertThat(mover.move(tenant, claimed)).as("the same entries moved again").isEmpty();
        assertThat(rows(tenant.slug(), "SELECT id FROM {schema}.deliveries")).hasSize(2);

        // the test's worker lets go: the platform's workers process the deliveries
        db().sql("UPDATE queue.work_items SET locked_until = NULL, locked_by = NULL WHERE tenant_id = ?")
                .param(tenant.id()).update();
        eventually(() -> assertThat(rows(tenant.slug(), "SELECT status FROM {schema}.deliveries"))
                .extracting(r -> r.get("status")).containsExactly("PROCESSED", "PROCESSED"));
    }

    @Test
    void aMoveCountsTheEntriesItLeasedTowardsTheQueuesVacuum() {
        Tenant tenant = tenant("move-vacuum");
        WorkQueue counting = new WorkQueue(); // a count of its own: the platform's workers keep changing theirs
        IntakeMover own = new IntakeMover(database, counting, deliveries, properties, Clock.systemUTC());

        own.move(tenant, List.of(intake(tenant, "evt_vacuum_1", "test-worker", "10 minutes"),
                intake(tenant, "evt_vacuum_2", "test-worker", "10 minutes")));

        assertThat(counting.claimedSinceVacuum(placements.main())).isEqualTo(2);
    }

    @Test
    void anEventTheInboxAlreadyHasIsDroppedByItsMove() {
        Tenant tenant = tenant("move-dup");
        WorkItem first = intake(tenant, "evt_dup", "test-worker", "10 minutes");
        assertThat(mover.move(tenant, List.of(first))).hasSize(1);
        WorkItem again = intake(tenant, "evt_dup", "test-worker", "10 minutes");

        assertThat(mover.move(tenant, List.of(again))).as("no delivery, no entry for the copy").isEmpty();

        assertThat(rows(tenant.slug(), "SELECT dedupe_key FROM {schema}.deliveries")).hasSize(1);
        assertThat(db().sql("SELECT count(*) FROM queue.intake WHERE tenant_id = ?").param(tenant.id())
                .query(Long.class).single()).as("the copy left the intake").isZero();
        assertThat(db().sql("SELECT count(*) FROM queue.work_items WHERE tenant_id = ? AND kind = 'DELIVERY'")
                .param(tenant.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void entriesClaimedByAWorkerThatDiedAreMovedAndProcessedOnceTheirLeaseRunsOut() {
        Tenant tenant = tenant("move-crash");
        intake(tenant, "evt_orphan", "dead-worker", "-1 second");

        eventually(() -> assertThat(rows(tenant.slug(), "SELECT dedupe_key, status FROM {schema}.deliveries"))
                .containsExactly(Map.of("dedupe_key", "evt_orphan", "status", "PROCESSED")));
        assertThat(db().sql("SELECT count(*) FROM queue.intake WHERE tenant_id = ?").param(tenant.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void offboardingATenantRemovesItsEventsFromTheIntake() {
        Tenant tenant = tenant("move-gone");
        intake(tenant, "evt_gone", "test-worker", "10 minutes");

        assertThat(api("DELETE", "/api/v1/tenants/" + tenant.slug(), adminToken(), null).status()).isEqualTo(204);

        assertThat(db().sql("SELECT count(*) FROM queue.intake WHERE tenant_id = ?").param(tenant.id())
                .query(Long.class).single()).isZero();
        assertThat(db().sql("SELECT count(*) FROM queue.work_items WHERE tenant_id = ?").param(tenant.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void theWorkersDiscardTheIntakeOfATenantThatNoLongerExists() {
        long gone = 2_000_000_700L; // no such tenant
        db().sql("""
                WITH i AS (INSERT INTO queue.intake (tenant_id, provider, dedupe_key, event_type, occurred_at, body)
                           VALUES (?, 'stripe', 'evt_nobody', 'checkout.session.completed', now(), ?) RETURNING id)
                INSERT INTO queue.work_items (kind, tenant_id, item_id) SELECT 'INTAKE', ?, id FROM i""")
                .params(gone, CHECKOUT, gone).update();

        eventually(() -> {
            assertThat(db().sql("SELECT count(*) FROM queue.intake WHERE tenant_id = ?").param(gone)
                    .query(Long.class).single()).isZero();
            assertThat(db().sql("SELECT count(*) FROM queue.work_items WHERE tenant_id = ?").param(gone)
                    .query(Long.class).single()).isZero();
        });
    }

    /** An event in the intake, received at {@link #RECEIVED}, its INTAKE entry leased to a worker as claimed. */
    private WorkItem intake(Tenant tenant, String key, String worker, String lease) {
        long id = db().sql("""
                WITH i AS (INSERT INTO queue.intake (tenant_id, provider, dedupe_key, event_type, occurred_at, received_at, body)
                           VALUES (?, 'stripe', ?, 'checkout.session.completed', ?, ?, ?) RETURNING id)
                INSERT INTO queue.work_items (kind, tenant_id, item_id, locked_until, locked_by, attempts)
                SELECT 'INTAKE', ?, id, now() + ?::interval, ?, 1 FROM i RETURNING id""")
                .params(tenant.id(), key, Timestamp.from(RECEIVED), Timestamp.from(RECEIVED),
                        StripeEvents.checkout(CHECKOUT, key), tenant.id(), lease, worker)
                .query(Long.class).single();
        long item = db().sql("SELECT item_id FROM queue.work_items WHERE id = ?").param(id).query(Long.class).single();
        return new WorkItem(id, "INTAKE", tenant.id(), item, 1);
    }

    /** A tenant with a Stripe connection, so that the workers can apply its deliveries. */
    private Tenant tenant(String prefix) {
        String slug = onboard(uniqueSlug(prefix));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_" + slug));
        return tenants.find(slug).orElseThrow();
    }
}
