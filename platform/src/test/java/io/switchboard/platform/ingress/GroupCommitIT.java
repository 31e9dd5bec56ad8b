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
import java.util.Arrays;
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
 * Requests written by one statement (group commit): each gets its own outcome, each tenant's events land in its own
 * schema, a duplicate is credited once, and one request the database refuses fails alone while the others in its
 * statement are stored.
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
        DeliveryStore.Request first = request(tenant, "evt_a", "evt_b");
        DeliveryStore.Request repeat = request(tenant, "evt_b", "evt_c"); // evt_b also in the first request
        DeliveryStore.Request old = request(tenant, "evt_before");

        store.write(List.of(first, repeat, old));

        assertThat(first.outcome()).isEqualTo(2);
        assertThat(repeat.outcome()).isEqualTo(1);
        assertThat(old.outcome()).isZero();
        assertThat(rows(tenant.slug(), "SELECT dedupe_key FROM {schema}.deliveries ORDER BY id"))
                .extracting(r -> r.get("dedupe_key")).containsExactly("evt_before", "evt_a", "evt_b", "evt_c");
        assertThat(unqueued(tenant)).isZero();
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
        assertThat(rows(a.slug(), "SELECT dedupe_key FROM {schema}.deliveries ORDER BY id"))
                .as("a tenant's rows in one statement are inserted in key order")
                .extracting(r -> r.get("dedupe_key")).containsExactly("evt_a_only", "evt_same");
        assertThat(rows(b.slug(), "SELECT dedupe_key FROM {schema}.deliveries ORDER BY id"))
                .extracting(r -> r.get("dedupe_key")).containsExactly("evt_b_earlier_1", "evt_b_earlier_2", "evt_b_only", "evt_same");
        assertThat(unqueued(a)).isZero();
        assertThat(unqueued(b)).isZero();
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
        assertThat(rows(tenant.slug(), "SELECT dedupe_key FROM {schema}.deliveries ORDER BY id"))
                .extracting(r -> r.get("dedupe_key")).containsExactly("evt_good", "evt_also_good");
        assertThat(unqueued(tenant)).isZero();
    }

    @Test
    void theStoreFunctionRefusesCountsThatDoNotMatchItsEventsAndStoresNothing() {
        Tenant a = tenant("group-counts-a");
        Tenant b = tenant("group-counts-b");
        String[] two = {"stripe", "stripe"};
        byte[][] bodies = {CHECKOUT, CHECKOUT};
        long[] ids = {a.id(), b.id()};
        String[] schemas = {a.schema(), b.schema()};
        // more events counted than given, fewer, and a count missing: the first two fail after inserting some rows
        for (int[] counts : new int[][] {{1, 2}, {1, 0}, {2}}) {
            assertThatThrownBy(() -> db().sql("SELECT * FROM queue.store_webhooks(?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(ids, schemas, counts, two, new String[] {"evt_x", "evt_y"}, new String[] {"t", "t"},
                            new String[] {"2026-12-03T10:00:00Z", "2026-12-03T10:00:00Z"}, new String[] {"{}", "{}"}, bodies)
                    .query().listOfRows()).as("counts %s", Arrays.toString(counts))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("store_webhooks");
        }
        assertThat(rows(a.slug(), "SELECT id FROM {schema}.deliveries")).isEmpty();
        assertThat(rows(b.slug(), "SELECT id FROM {schema}.deliveries")).isEmpty();
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
            assertThat(total).as("each event credited to exactly one request").isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(tenant.slug(), "SELECT count(DISTINCT dedupe_key) AS keys, count(*) AS n FROM {schema}.deliveries"))
                .containsExactly(Map.of("keys", (long) threads * perThread, "n", (long) threads * perThread));
        assertThat(unqueued(tenant)).isZero();
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
            assertThat(total).as("each event credited to exactly one request").isEqualTo(rounds * keys);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(tenant.slug(), "SELECT count(DISTINCT dedupe_key) AS keys, count(*) AS n FROM {schema}.deliveries"))
                .containsExactly(Map.of("keys", (long) rounds * keys, "n", (long) rounds * keys));
        assertThat(unqueued(tenant)).isZero();
    }

    /** Deliveries with no queue entry that were never processed either: each one would be an event lost. */
    private long unqueued(Tenant tenant) {
        return db().sql("SELECT count(*) FROM " + tenant.schema() + ".deliveries d WHERE d.status = 'RECEIVED' "
                + "AND NOT EXISTS (SELECT 1 FROM queue.work_items q WHERE q.kind = 'DELIVERY' AND q.tenant_id = ? "
                + "AND q.item_id = d.id)").param(tenant.id()).query(Long.class).single();
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
