package io.switchboard.platform.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.platform.database.Placement;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;

/**
 * Makes verified events durable and queues them, atomically: once this returns, the events are committed and will
 * reach their tenant's inbox and be processed, whatever happens to this process.
 *
 * <p>The events go into the intake of the tenant's database, a table shared by the tenants of that database, with
 * one INTAKE queue entry each, by one autocommit statement of fixed text ({@code queue.take_in}, queue migration
 * V8); a worker moves them into the tenant's inbox and processes them ({@code IntakeMover}, ADR 18). The request
 * path thus does the same work whether a batch holds one tenant or hundreds: writing each tenant's own tables,
 * which costs PostgreSQL per tenant, happens off it, for many rows of a tenant at a time.
 *
 * <p><b>Group commit.</b> Requests that arrive while their database's previous statement is running are written
 * together by the next one, whatever their tenants: one statement and one commit for all of them, each request
 * answered only after that commit (ADR 13). Nothing waits for company: a request that finds its database idle is
 * written at once, so batches only form under concurrency, where they save PostgreSQL a statement and a commit per
 * request. If a shared statement fails for any reason but an unreachable database, each of its requests is written
 * again on its own, so one bad request fails alone.
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
     * Inserts the batch with one statement of fixed text, prepared once per connection, whatever its tenants: the
     * database's {@code queue.take_in} (queue migration V8) puts the events in the intake and queues each new one for
     * its move into the tenant's inbox. Rows go in tenant and key order, so that two statements carrying the same keys
     * (two nodes each writing a provider's retry of one request) wait for each other rather than deadlock. Returns the
     * tenant, provider and dedupe key of each event inserted, duplicates (in the intake already, or twice here) left
     * out.
     */
    private Set<String> insert(List<Request> batch) {
        List<Row> rows = new ArrayList<>();
        for (Request request : batch) {
            for (ReceivedEvent event : request.events) {
                rows.add(new Row(request, event));
            }
        }
        rows.sort(Row.ORDER);
        int n = rows.size();
        long[] tenantIds = new long[n];
        String[] providers = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] occurred = new String[n];
        String[] headers = new String[n];
        byte[][] bodies = new byte[n][];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            tenantIds[i] = row.request.tenant.id();
            providers[i] = row.request.provider;
            keys[i] = row.event.dedupeKey();
            types[i] = row.event.eventType();
            occurred[i] = row.event.occurredAt().toString();
            headers[i] = row.request.headersJson;
            bodies[i] = row.event.payload();
        }
        Set<String> stored = new HashSet<>();
        // Java arrays, which the driver sends in binary (an SQL Array made by createArrayOf goes as text: every body
        // hex-encoded and parsed back)
        database.placementOf(batch.get(0).tenant).ingest()
                .sql("SELECT stored_tenant_id, stored_provider, stored_dedupe_key FROM queue.take_in(?, ?, ?, ?, ?, ?, ?)")
                .params(tenantIds, providers, keys, types, occurred, headers, bodies)
                .query((rs, row) -> stored.add(key(rs.getLong(1), rs.getString(2), rs.getString(3))))
                .list();
        return stored;
    }

    private static String key(long tenantId, String provider, String dedupeKey) {
        return tenantId + "\n" + provider + '\n' + dedupeKey;
    }

    private StorageCircuit circuitOf(Placement placement) {
        return circuits.computeIfAbsent(placement.name(), name -> new StorageCircuit(System::nanoTime));
    }

    private record Row(Request request, ReceivedEvent event) {
        static final Comparator<Row> ORDER = Comparator.<Row>comparingLong(row -> row.request.tenant.id())
                .thenComparing(row -> row.request.provider).thenComparing(row -> row.event.dedupeKey());
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
