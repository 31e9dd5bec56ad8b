package io.switchboard.platform.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.StripeEvents;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

/**
 * Requests written by one statement (group commit): each gets its own outcome, its events are durable in the intake
 * and queued the moment it returns, each tenant's events then land in its own schema, a duplicate is credited once,
 * and one request the database refuses fails alone while the others in its statement are stored.
 */
class GroupCommitIT extends PlatformIT {

    private static final String HEADERS = "{\"content-type\":\"application/json\"}";
    private static final byte[] CHECKOUT = fixture("stripe/checkout_session_completed_payment_link.json");

    @Autowired
    DeliveryStore store;

    @Autowired
    TenantRegistry tenants;

    @Autowired
    MeterRegistry meters;

    @Test
    void requestsSharingAStatementEachGetTheirOwnCount() {
        Tenant tenant = tenant("group");
        store.store(tenant, "stripe", List.of(event("evt_before")), HEADERS);
        eventually(() -> assertThat(inbox(tenant)).containsExactly("evt_before"));
        DeliveryStore.Request first = request(tenant, "evt_a", "evt_b");
        DeliveryStore.Request repeat = request(tenant, "evt_b", "evt_c"); // evt_b also in the first request
        DeliveryStore.Request old = request(tenant, "evt_before");

        store.write(List.of(first, repeat, old));

        assertThat(first.outcome()).isEqualTo(2);
        assertThat(repeat.outcome()).isEqualTo(1);
        assertThat(old.outcome()).as("a retry of an event already moved to the inbox is taken in again").isEqualTo(1);
        assertThat(unqueued(tenant)).isZero();
        eventually(() -> {
            assertThat(inbox(tenant)).as("the retry dropped by its move")
                    .containsExactlyInAnyOrder("evt_before", "evt_a", "evt_b", "evt_c");
            assertThat(intake(tenant)).isEmpty();
        });
    }

    @Test
    void oneStatementCarriesSeveralTenantsEachIntoItsOwnSchema() {
        Tenant a = tenant("group-a");
        Tenant b = tenant("group-b");
        // B's new deliveries get other ids than A's, so a queue entry naming the wrong tenant cannot pass for right
        store.store(b, "stripe", List.of(event("evt_b_earlier_1"), event("evt_b_earlier_2")), HEADERS);
        DeliveryStore.Request toB = request(b, "evt_same", "evt_b_only");
        DeliveryStore.Request toA = request(a, "evt_same");
        DeliveryStore.Request againToA = request(a, "evt_same", "evt_a_only");

        store.write(List.of(toB, toA, againToA));

        assertThat(toB.outcome()).as("the same event id in another tenant is another event").isEqualTo(2);
        assertThat(toA.outcome()).isEqualTo(1);
        assertThat(againToA.outcome()).isEqualTo(1);
        assertThat(stored(a.slug())).containsExactlyInAnyOrder("evt_a_only", "evt_same");
        assertThat(stored(b.slug())).containsExactlyInAnyOrder("evt_b_earlier_1", "evt_b_earlier_2", "evt_b_only", "evt_same");
        assertThat(unqueued(a)).isZero();
        assertThat(unqueued(b)).isZero();
        eventually(() -> {
            assertThat(inbox(a)).containsExactlyInAnyOrder("evt_a_only", "evt_same");
            assertThat(inbox(b)).containsExactlyInAnyOrder("evt_b_earlier_1", "evt_b_earlier_2", "evt_b_only", "evt_same");
        });
        assertThat(db().sql("SELECT count(*) FROM queue.work_items q WHERE q.kind = 'DELIVERY' AND q.tenant_id = ? "
                + "AND NOT EXISTS (SELECT 1 FROM " + a.schema() + ".deliveries d WHERE d.id = q.item_id)")
                .param(a.id()).query(Long.class).single()).as("tenant A's queue entries point at A's deliveries").isZero();
    }

    @Test
    void aRequestTheDatabaseRefusesFailsAloneAndTheOthersAreStored() {
        Tenant tenant = tenant("group-bad");
        DeliveryStore.Request good = request(tenant, "evt_good");
        DeliveryStore.Request bad = new DeliveryStore.Request(tenant, "stripe", List.of(event("evt_bad")), "{not json");
        DeliveryStore.Request alsoGood = request(tenant, "evt_also_good");
        double splitBefore = meters.get("switchboard.webhooks.group.commit.split").counter().count();

        store.write(List.of(good, bad, alsoGood));

        assertThat(meters.get("switchboard.webhooks.group.commit.split").counter().count() - splitBefore)
                .as("shared statements split into one per request").isEqualTo(1);

        assertThat(good.outcome()).isEqualTo(1);
        assertThat(alsoGood.outcome()).isEqualTo(1);
        assertThatThrownBy(bad::outcome).isInstanceOf(DataAccessException.class);
        assertThat(stored(tenant.slug())).containsExactlyInAnyOrder("evt_good", "evt_also_good");
        assertThat(unqueued(tenant)).isZero();
        eventually(() -> assertThat(inbox(tenant)).containsExactlyInAnyOrder("evt_good", "evt_also_good"));
    }

    @Test
    void concurrentRequestsForOneTenantShareStatementsAndAreEachStoredOnce() throws Exception {
        Tenant tenant = tenant("group-burst");
        double statementsBefore = meters.get("switchboard.webhooks.group.commit").summary().count();
        int threads = 16;
        int perThread = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> counts = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                counts.add(pool.submit(() -> {
                    start.await();
                    int stored = 0;
                    for (int i = 0; i < perThread; i++) {
                        // every thread also sends the event of its neighbour: half the requests are duplicates
                        stored += store.store(tenant, "stripe", List.of(event("evt_" + thread + "_" + i)), HEADERS);
                        stored += store.store(tenant, "stripe",
                                List.of(event("evt_" + ((thread + 1) % threads) + "_" + i)), HEADERS);
                    }
                    return stored;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            // an event sent again after its first copy left the intake is taken in again (and dropped by its move)
            assertThat(total).as("each event credited once, or again after its move")
                    .isBetween(threads * perThread, 2 * threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        assertThat(new HashSet<>(stored(tenant.slug()))).as("every event durable").hasSize(threads * perThread);
        assertThat(unqueued(tenant)).isZero();
        eventually(() -> {
            assertThat(inbox(tenant)).hasSize(threads * perThread).doesNotHaveDuplicates();
            assertThat(intake(tenant)).isEmpty();
        });
        double statements = meters.get("switchboard.webhooks.group.commit").summary().count() - statementsBefore;
        assertThat(statements).as("statements for %d concurrent requests", 2 * threads * perThread)
                .isGreaterThan(0).isLessThan(2 * threads * perThread);
    }

    @Test
    void statementsOfTwoNodesCarryingTheSameEventsInOppositeOrdersNeitherDeadlockNorStoreTwice() throws Exception {
        Tenant tenant = tenant("group-order");
        int threads = 4;
        int rounds = 6;
        int keys = 200;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> counts = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                boolean reversed = t % 2 == 1;
                counts.add(pool.submit(() -> {
                    int stored = 0;
                    for (int round = 0; round < rounds; round++) {
                        start.await(10, TimeUnit.SECONDS); // each round's statements in flight together
                        // the same events, half the threads sending them in the opposite order, each request in a
                        // statement of its own as two nodes would write them (a node writes one statement at a time):
                        // statements in flight at once taking the same keys in opposite orders would each wait for
                        // the other
                        List<String> ids = new ArrayList<>();
                        for (int k = 0; k < keys; k++) {
                            ids.add("evt_round_" + round + "_" + (reversed ? keys - 1 - k : k));
                        }
                        DeliveryStore.Request request = request(tenant, ids.toArray(String[]::new));
                        store.write(List.of(request));
                        stored += request.outcome();
                    }
                    return stored;
                }));
            }
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            assertThat(total).as("each event credited once, or again after its move")
                    .isBetween(rounds * keys, threads * rounds * keys);
        } finally {
            pool.shutdownNow();
        }
        assertThat(new HashSet<>(stored(tenant.slug()))).as("every event durable").hasSize(rounds * keys);
        assertThat(unqueued(tenant)).isZero();
        eventually(() -> {
            assertThat(inbox(tenant)).hasSize(rounds * keys).doesNotHaveDuplicates();
            assertThat(intake(tenant)).isEmpty();
        });
    }

    /** The keys of the tenant's events still in the intake. */
    private List<String> intake(Tenant tenant) {
        return db().sql("SELECT dedupe_key FROM queue.intake WHERE tenant_id = ?").param(tenant.id()).query(String.class).list();
    }

    /** The keys of the tenant's events in its inbox. */
    private List<String> inbox(Tenant tenant) {
        return db().sql("SELECT dedupe_key FROM " + tenant.schema() + ".deliveries").query(String.class).list();
    }

    /**
     * Stored events that no queue entry will take further and that were never processed either, in the intake or the
     * inbox (one snapshot): each one would be an event lost.
     */
    private long unqueued(Tenant tenant) {
        return db().sql("""
                SELECT (SELECT count(*) FROM queue.intake i WHERE i.tenant_id = ? AND NOT EXISTS (
                            SELECT 1 FROM queue.work_items q
                            WHERE q.kind = 'INTAKE' AND q.tenant_id = i.tenant_id AND q.item_id = i.id))
                     + (SELECT count(*) FROM %s.deliveries d WHERE d.status = 'RECEIVED' AND NOT EXISTS (
                            SELECT 1 FROM queue.work_items q WHERE q.kind = 'DELIVERY' AND q.tenant_id = ? AND q.item_id = d.id))
                """.formatted(tenant.schema())).params(tenant.id(), tenant.id()).query(Long.class).single();
    }

    private static DeliveryStore.Request request(Tenant tenant, String... ids) {
        return new DeliveryStore.Request(tenant, "stripe", List.of(ids).stream().map(GroupCommitIT::event).toList(), HEADERS);
    }

    /** A checkout of its own: the workers process what these tests store, so it must be an event they can apply. */
    private static ReceivedEvent event(String id) {
        return new ReceivedEvent(id, "checkout.session.completed", Instant.parse("2026-11-30T10:00:00Z"),
                StripeEvents.checkout(CHECKOUT, id));
    }

    /** A tenant with a Stripe connection, so that the workers can apply its deliveries instead of retrying them. */
    private Tenant tenant(String prefix) {
        String slug = onboard(uniqueSlug(prefix));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_" + slug));
        return tenants.find(slug).orElseThrow();
    }
}
