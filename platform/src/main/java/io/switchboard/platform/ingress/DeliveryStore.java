package io.switchboard.platform.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.platform.database.Placement;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import io.switchboard.platform.tenancy.TenantSlug;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;

/**
 * Stores verified events in the tenant's inbox and enqueues them, atomically: once this returns, the events
 * are durable and will be processed, whatever happens to this process.
 *
 * <p>The deliveries and their queue entries are written by one autocommit statement: the database's
 * {@code queue.store_webhooks} function (queue migration V4) inserts each tenant's rows through its schema's
 * {@code insert_deliveries} (tenant migration V4), and the statement queues the rows inserted (a duplicate inserts
 * neither); a batch of one tenant goes through that schema's {@code store_deliveries} (V3), which queues them itself. The statement names the tenants' schemas itself, which is why it does not go through
 * {@link TenantDatabase#inTenant}; the schema names are derived from validated slugs, never from the request.
 *
 * <p><b>Group commit.</b> Requests that arrive while their database's previous statement is running are written
 * together by the next one, whatever their tenants: one statement (a function call per tenant in it) and one
 * commit for all of them, each request answered only after that commit (ADR 13). Nothing waits for company: a
 * request that finds its database idle is written at once, so batches only form under concurrency, where they save
 * PostgreSQL a statement and a commit per request. If a shared statement fails for any reason but an unreachable
 * database, each of its requests is written again on its own, so one bad request fails alone.
 *
 * <p>When a placement's database cannot be reached, webhooks for it get 503 at once for a moment
 * ({@link StorageCircuit}) rather than each holding a request thread for the pool's connection time-out.
 */
@Component
public class DeliveryStore {

    /** At most this many requests share a statement, and at most {@link #MAX_EVENTS} events. */
    static final int MAX_REQUESTS = 64;
    static final int MAX_EVENTS = 1_000;

    private final TenantDatabase database;
    private final Map<String, StorageCircuit> circuits = new ConcurrentHashMap<>();
    private final Map<String, Combiner> combiners = new ConcurrentHashMap<>();
    private final DistributionSummary batchSizes;
    private final Counter split;

    public DeliveryStore(TenantDatabase database, MeterRegistry registry) {
        this.database = database;
        this.batchSizes = DistributionSummary.builder("switchboard.webhooks.group.commit")
                .description("Webhook requests written by one statement and one commit").baseUnit("requests")
                .register(registry);
        this.split = Counter.builder("switchboard.webhooks.group.commit.split")
                .description("Shared statements that failed and whose requests were each written again on their own")
                .register(registry);
    }

    /**
     * Stores the events that are not already stored (by provider and dedupe key), returning once they are
     * committed.
     *
     * @return how many were new
     */
    public int store(Tenant tenant, String provider, List<ReceivedEvent> events, String headersJson) {
        if (events.isEmpty()) {
            return 0;
        }
        Placement placement = database.placementOf(tenant);
        if (!circuitOf(placement).allows()) {
            throw new TransientDataAccessResourceException(
                    "the database of placement " + placement.name() + " could not be reached a moment ago");
        }
        Request request = new Request(tenant, provider, events, headersJson);
        combiners.computeIfAbsent(placement.name(), name -> new Combiner()).submit(request);
        return request.outcome();
    }

    /**
     * Writes these requests (all for one placement) with one statement, or each on its own when that fails; every
     * request gets its outcome. What the combiner calls, and what tests call to choose a batch themselves.
     */
    void write(List<Request> batch) {
        batchSizes.record(batch.size());
        StorageCircuit circuit = circuitOf(database.placementOf(batch.get(0).tenant));
        try {
            Set<String> stored = insert(batch);
            circuit.succeeded();
            for (Request request : batch) {
                int count = 0;
                for (ReceivedEvent event : request.events) {
                    // a key repeated within the batch was stored once: the first request carrying it gets the credit
                    if (stored.remove(key(request.tenant.id(), request.provider, event.dedupeKey()))) {
                        count++;
                    }
                }
                request.stored = count;
            }
        } catch (DataAccessResourceFailureException e) {
            circuit.failed();
            batch.forEach(request -> request.failure = e);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).failure = e;
                return;
            }
            split.increment();
            for (Request request : batch) {
                write(List.of(request));
            }
        }
    }

    /**
     * Inserts the batch with one statement of fixed text (prepared once per connection): the database's
     * {@code queue.store_webhooks} hands each tenant's rows (tenants in id order, so that two nodes' statements take
     * the tenants' locks in the same order) to that tenant schema's {@code insert_deliveries}, whose insert its
     * server process plans once, and the statement queues every new row with one insert. A batch of one tenant calls
     * that tenant's {@code store_deliveries} (tenant migration V3) directly. Returns the tenant, provider and dedupe
     * key of each event inserted, duplicates (stored before, or twice here) left out.
     */
    private Set<String> insert(List<Request> batch) {
        Map<Long, List<Row>> byTenant = new TreeMap<>();
        int n = 0;
        for (Request request : batch) {
            for (ReceivedEvent event : request.events) {
                byTenant.computeIfAbsent(request.tenant.id(), id -> new ArrayList<>()).add(new Row(request, event));
                n++;
            }
        }
        long[] tenantIds = new long[byTenant.size()];
        String[] schemas = new String[byTenant.size()];
        int[] counts = new int[byTenant.size()];
        String[] providers = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] occurred = new String[n];
        String[] headers = new String[n];
        byte[][] bodies = new byte[n][];
        int t = 0;
        int i = 0;
        for (List<Row> rows : byTenant.values()) {
            // keys in one order, so that two statements carrying the same keys (two nodes each writing a provider's
            // retry of one request) wait for each other rather than deadlock
            rows.sort(Row.ORDER);
            Tenant tenant = rows.get(0).request.tenant;
            tenantIds[t] = tenant.id();
            schemas[t] = TenantSlug.schemaFor(tenant.slug());
            counts[t++] = rows.size();
            for (Row row : rows) {
                providers[i] = row.request.provider;
                keys[i] = row.event.dedupeKey();
                types[i] = row.event.eventType();
                occurred[i] = row.event.occurredAt().toString();
                headers[i] = row.request.headersJson;
                bodies[i++] = row.event.payload();
            }
        }
        Set<String> stored = new HashSet<>();
        JdbcClient ingest = database.placementOf(batch.get(0).tenant).ingest();
        // Java arrays, which the driver sends in binary (an SQL Array made by createArrayOf goes as text: every body
        // hex-encoded and parsed back)
        StatementSpec statement = tenantIds.length == 1
                // one tenant: its schema's store_deliveries, which queues the rows itself, called directly (a text of
                // its own, which the driver prepares too); measured with batches of a few requests, cheaper than the
                // fixed statement's dynamic call and shared queue insert
                ? ingest.sql("SELECT " + tenantIds[0] + "::bigint, s.stored_provider, s.stored_dedupe_key FROM "
                                + TenantDatabase.table(batch.get(0).tenant, "store_deliveries") + "(" + tenantIds[0]
                                + ", ?, ?, ?, ?, ?, ?) s")
                        .params(providers, keys, types, occurred, headers, bodies)
                : ingest.sql(TENANTS).params(tenantIds, schemas, counts, providers, keys, types, occurred, headers, bodies);
        statement.query((rs, row) -> stored.add(key(rs.getLong(1), rs.getString(2), rs.getString(3)))).list();
        return stored;
    }

    private static final String TENANTS = """
            WITH stored AS (
                SELECT * FROM queue.store_webhooks(?, ?, ?, ?, ?, ?, ?, ?, ?)),
            queued AS (
                INSERT INTO queue.work_items (kind, tenant_id, item_id)
                SELECT 'DELIVERY', tenant_id, stored_id FROM stored)
            SELECT tenant_id, stored_provider, stored_dedupe_key FROM stored""";

    private static String key(long tenantId, String provider, String dedupeKey) {
        return tenantId + "\n" + provider + '\n' + dedupeKey;
    }

    private StorageCircuit circuitOf(Placement placement) {
        return circuits.computeIfAbsent(placement.name(), name -> new StorageCircuit(System::nanoTime));
    }

    private record Row(Request request, ReceivedEvent event) {
        static final Comparator<Row> ORDER = Comparator.<Row, String>comparing(row -> row.request.provider)
                .thenComparing(row -> row.event.dedupeKey());
    }

    /** One request's events and, once written, its outcome. */
    static final class Request {
        final Tenant tenant;
        final String provider;
        final List<ReceivedEvent> events;
        final String headersJson;
        int stored = -1;
        RuntimeException failure;

        Request(Tenant tenant, String provider, List<ReceivedEvent> events, String headersJson) {
            this.tenant = tenant;
            this.provider = provider;
            this.events = events;
            this.headersJson = headersJson;
        }

        boolean done() {
            return stored >= 0 || failure != null;
        }

        int outcome() {
            if (failure != null) {
                throw failure;
            }
            return stored;
        }
    }

    /**
     * One database's writer: whoever finds no statement running writes every request queued so far; the others wait
     * for their outcome, or for the writer's turn to come to them. Outcomes are set before the monitor is released,
     * and read under it.
     */
    private final class Combiner {
        private final ArrayDeque<Request> queued = new ArrayDeque<>();
        private boolean writing;

        void submit(Request request) {
            boolean interrupted = false;
            synchronized (this) {
                queued.add(request);
            }
            try {
                while (true) {
                    List<Request> batch = new ArrayList<>();
                    synchronized (this) {
                        while (writing && !request.done()) {
                            try {
                                wait();
                            } catch (InterruptedException e) {
                                // the request may be in a statement already: its answer must say what happened to it
                                interrupted = true;
                            }
                        }
                        if (request.done()) {
                            return;
                        }
                        writing = true;
                        int events = 0;
                        while (!queued.isEmpty() && batch.size() < MAX_REQUESTS
                                && (batch.isEmpty() || events + queued.peek().events.size() <= MAX_EVENTS)) {
                            Request next = queued.poll();
                            events += next.events.size();
                            batch.add(next);
                        }
                    }
                    try {
                        write(batch);
                    } catch (RuntimeException | Error e) {
                        for (Request r : batch) {
                            if (!r.done()) {
                                r.failure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                            }
                        }
                        throw e;
                    } finally {
                        synchronized (this) {
                            writing = false;
                            notifyAll();
                        }
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
