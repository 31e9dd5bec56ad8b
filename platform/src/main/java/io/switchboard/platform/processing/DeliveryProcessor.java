package io.switchboard.platform.processing;

import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.connector.command.Severity;
import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.connectorhost.ConnectorContexts;
import io.switchboard.platform.connectorhost.ConnectorHost;
import io.switchboard.platform.connectorhost.LoadedConnector;
import io.switchboard.platform.records.ApplyScope;
import io.switchboard.platform.records.CommandApplier;
import io.switchboard.platform.records.Incidents;
import io.switchboard.platform.tenancy.Connection;
import io.switchboard.platform.tenancy.ConnectionStore;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Processes deliveries: the connector interprets each (outside any transaction, since it may call the
 * provider's API), then its commands, the delivery's new status and the removal of its queue entry commit
 * together in the tenant's schema, for all the deliveries of one claim at once. Failures are retried with
 * backoff; after the attempt limit, or on a permanent failure, the delivery is dead-lettered with an incident. Replay puts it back in the queue.
 */
@Component
class DeliveryProcessor implements WorkHandler {

    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);

    private final TenantDatabase database;
    private final ConnectorHost host;
    private final ConnectionStore connections;
    private final ConnectorContexts contexts;
    private final ConnectorCalls calls;
    private final CommandApplier applier;
    private final Incidents incidents;
    private final WorkQueue queue;
    private final ProcessingMetrics metrics;
    private final SwitchboardProperties.Processing settings;
    private final Backoff backoff;
    private final Clock clock;

    DeliveryProcessor(TenantDatabase database, ConnectorHost host, ConnectionStore connections, ConnectorContexts contexts,
            ConnectorCalls calls, CommandApplier applier, Incidents incidents, WorkQueue queue, ProcessingMetrics metrics,
            SwitchboardProperties properties, Clock clock) {
        this.database = database;
        this.host = host;
        this.connections = connections;
        this.contexts = contexts;
        this.calls = calls;
        this.applier = applier;
        this.incidents = incidents;
        this.queue = queue;
        this.metrics = metrics;
        this.settings = properties.processing();
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "DELIVERY";
    }

    @Override
    public void handle(Tenant tenant, WorkItem item) {
        handleAll(tenant, List.of(item), () -> true);
    }

    /**
     * Processes a claim's deliveries of one tenant: one read loads them all, the connector interprets each (outside
     * any transaction), and the outcomes commit in one transaction, applied in claim order. Should that transaction
     * fail, each outcome commits again on its own, so one delivery's failure costs only its own retry.
     */
    @Override
    public void handleAll(Tenant tenant, List<WorkItem> items, BooleanSupplier carryOn) {
        Map<Long, Loaded> loaded = load(tenant, items);
        List<Outcome> outcomes = new ArrayList<>(items.size());
        for (WorkItem item : items) {
            if (!carryOn.getAsBoolean()) {
                break; // the rest's leases run out and another worker takes them
            }
            MDC.put("delivery", Long.toString(item.itemId()));
            try {
                interpret(tenant, item, loaded.get(item.itemId())).ifPresent(outcomes::add);
            } catch (RuntimeException e) {
                reportFailure(tenant, item, e);
            } finally {
                MDC.remove("delivery");
            }
        }
        commit(tenant, outcomes);
    }

    /**
     * The claimed deliveries, by id: one autocommit read, as a delivery is immutable but for its status. The
     * statement names the tenant's schema, so its text differs per tenant and the driver would rarely see it often
     * enough to prepare it on the server; it is told to, so that the bodies come back in binary instead of as hex
     * text, which PostgreSQL would encode and the driver decode again.
     */
    private Map<Long, Loaded> load(Tenant tenant, List<WorkItem> items) {
        Map<Long, Integer> attempts = new HashMap<>();
        items.forEach(item -> attempts.put(item.itemId(), item.attempts()));
        String sql = """
                SELECT id, provider, dedupe_key, event_type, occurred_at, received_at, body, status
                FROM %s WHERE id = ANY(?)""".formatted(TenantDatabase.table(tenant, "deliveries"));
        long[] ids = items.stream().mapToLong(WorkItem::itemId).toArray();
        Map<Long, Loaded> loaded = new HashMap<>();
        new JdbcTemplate(database.placementOf(tenant).dataSource()).query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // prepared at once, results in binary
            statement.setObject(1, ids);
            return statement;
        }, (RowCallbackHandler) rs -> {
            long id = rs.getLong("id");
            loaded.put(id, new Loaded(id, rs.getString("provider"), rs.getString("status"), new StoredDelivery(
                    Long.toString(id), rs.getString("dedupe_key"), rs.getString("event_type"),
                    rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("received_at").toInstant(),
                    Objects.requireNonNullElse(rs.getBytes("body"), new byte[0]), attempts.get(id))));
        });
        return loaded;
    }

    /**
     * Asks the connector what the delivery means. Returns what is left to commit: its commands, its ignoring, or
     * only the removal of its queue entry; empty when the delivery was already rescheduled or dead-lettered here.
     */
    private Optional<Outcome> interpret(Tenant tenant, WorkItem item, Loaded loaded) {
        if (loaded == null || "PROCESSED".equals(loaded.status()) || "IGNORED".equals(loaded.status())) {
            return Optional.of(new Outcome(item, loaded, null, System.nanoTime()));
        }
        String provider = loaded.provider();
        Optional<LoadedConnector> connector = host.find(provider).filter(c -> c.webhook().isPresent());
        if (connector.isEmpty()) {
            retry(tenant, item, "no connector plugin for " + provider + " is loaded", Duration.ZERO);
            return Optional.empty();
        }
        Optional<Connection> connection = connections.find(tenant.id(), provider).filter(Connection::enabled);
        if (connection.isEmpty()) {
            retry(tenant, item, "the " + provider + " connection is missing or disabled", Duration.ZERO);
            return Optional.empty();
        }
        WebhookConnector webhook = connector.get().webhook().orElseThrow();
        var context = contexts.create(tenant.slug(), connector.get().descriptor(), connection.get().config());
        long started = System.nanoTime();
        Interpretation interpretation = calls.call(provider + " interpret", () -> webhook.interpret(loaded.delivery(), context));
        if (interpretation instanceof Interpretation.Fail fail) {
            dead(tenant, item, fail.reason());
            return Optional.empty();
        }
        if (interpretation instanceof Interpretation.Retry retry) {
            retry(tenant, item, retry.reason(), retry.notBefore());
            return Optional.empty();
        }
        return Optional.of(new Outcome(item, loaded, interpretation, started));
    }

    /** Commits the outcomes together, or, when that fails, each on its own. */
    private void commit(Tenant tenant, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            database.runInTenant(tenant, jdbc -> write(jdbc, tenant, outcomes));
            outcomes.forEach(this::count);
            return;
        } catch (RuntimeException e) {
            if (outcomes.size() == 1) {
                reportFailure(tenant, outcomes.get(0).item(), e);
                return;
            }
            log.info("A batch of {} deliveries could not commit together ({}); committing them one by one",
                    outcomes.size(), e.toString());
        }
        for (Outcome outcome : outcomes) {
            MDC.put("delivery", Long.toString(outcome.item().itemId()));
            try {
                database.runInTenant(tenant, jdbc -> write(jdbc, tenant, List.of(outcome)));
                count(outcome);
            } catch (RuntimeException e) {
                reportFailure(tenant, outcome.item(), e);
            } finally {
                MDC.remove("delivery");
            }
        }
    }

    /**
     * Writes the outcomes in the current transaction: the deliveries are locked (in id order, so that two workers
     * never wait on each other crosswise), commands are applied unless a delivery was processed meanwhile (a
     * replay racing its original), and the statuses and queue removals go in one statement each.
     */
    private void write(JdbcClient jdbc, Tenant tenant, List<Outcome> outcomes) {
        Map<Long, String> statuses = new HashMap<>();
        jdbc.sql("SELECT id, status FROM deliveries WHERE id = ANY(?) ORDER BY id FOR UPDATE")
                .param(outcomes.stream().mapToLong(o -> o.item().itemId()).toArray())
                .query((RowCallbackHandler) rs -> statuses.put(rs.getLong("id"), rs.getString("status")));
        List<Long> ids = new ArrayList<>();
        List<String> newStatuses = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            long id = outcome.item().itemId();
            String status = statuses.getOrDefault(id, "PROCESSED");
            if ("PROCESSED".equals(status)) {
                continue;
            }
            if (outcome.interpretation() instanceof Interpretation.Apply apply) {
                applier.apply(new ApplyScope(jdbc, tenant, id, outcome.loaded().provider()), apply.commands());
                ids.add(id);
                newStatuses.add("PROCESSED");
                attempts.add(outcome.item().attempts());
                notes.add(null);
            } else if (outcome.interpretation() instanceof Interpretation.Ignore ignore) {
                ids.add(id);
                newStatuses.add("IGNORED");
                attempts.add(outcome.item().attempts());
                notes.add(ignore.reason());
            }
        }
        if (!ids.isEmpty()) {
            // clock_timestamp, not now(): processed_at is when the outcome was written, not when the batch began.
            jdbc.sql("""
                    UPDATE deliveries d SET status = u.status, attempts = u.attempts, last_error = u.note,
                        processed_at = clock_timestamp()
                    FROM unnest(?::bigint[], ?::text[], ?::int[], ?::text[]) AS u (id, status, attempts, note)
                    WHERE d.id = u.id""")
                    .params(ids.stream().mapToLong(Long::longValue).toArray(), newStatuses.toArray(String[]::new),
                            attempts.stream().mapToInt(Integer::intValue).toArray(), notes.toArray(String[]::new))
                    .update();
        }
        queue.completeAll(jdbc, outcomes.stream().map(Outcome::item).toList());
    }

    private void count(Outcome outcome) {
        if (outcome.interpretation() instanceof Interpretation.Apply) {
            metrics.processed(outcome.loaded().provider(), "processed", outcome.loaded().delivery().receivedAt(),
                    outcome.started());
        } else if (outcome.interpretation() instanceof Interpretation.Ignore) {
            metrics.processed(outcome.loaded().provider(), "ignored", outcome.loaded().delivery().receivedAt(),
                    outcome.started());
        }
    }

    @Override
    public void failed(Tenant tenant, WorkItem item, Exception error) {
        retry(tenant, item, error.getMessage() == null ? error.toString() : error.getMessage(), Duration.ZERO);
    }

    private void finish(JdbcClient jdbc, WorkItem item, String status, String note) {
        jdbc.sql("""
                UPDATE deliveries SET status = ?, attempts = ?, last_error = ?, processed_at = now() WHERE id = ?""")
                .params(status, item.attempts(), note, item.itemId()).update();
    }

    private void retry(Tenant tenant, WorkItem item, String reason, Duration notBefore) {
        if (item.attempts() >= settings.maxAttempts()) {
            dead(tenant, item, "gave up after " + item.attempts() + " attempts: " + reason);
            return;
        }
        Duration delay = backoff.after(item.attempts());
        if (notBefore.compareTo(delay) > 0) {
            delay = notBefore;
        }
        Instant runAt = clock.instant().plus(delay);
        log.info("Delivery {} will be tried again in {} s (attempt {} failed): {}", item.itemId(), delay.toSeconds(),
                item.attempts(), truncate(reason));
        database.runInTenant(tenant, jdbc -> {
            jdbc.sql("UPDATE deliveries SET status = 'RETRYING', attempts = ?, last_error = ? WHERE id = ? AND status <> 'PROCESSED'")
                    .params(item.attempts(), truncate(reason), item.itemId()).update();
            queue.reschedule(jdbc, item, runAt);
        });
        metrics.retried(tenant, item);
    }

    private void dead(Tenant tenant, WorkItem item, String reason) {
        log.warn("Delivery {} is dead-lettered after {} attempt(s): {}", item.itemId(), item.attempts(), truncate(reason));
        database.runInTenant(tenant, jdbc -> {
            jdbc.sql("UPDATE deliveries SET status = 'DEAD', attempts = ?, last_error = ? WHERE id = ?")
                    .params(item.attempts(), truncate(reason), item.itemId()).update();
            incidents.log(jdbc, item.itemId(), "delivery.dead", Severity.ERROR,
                    "Delivery " + item.itemId() + " could not be processed: " + truncate(reason),
                    Map.of("deliveryId", item.itemId(), "attempts", item.attempts()));
            queue.complete(jdbc, item);
        });
        metrics.dead(tenant, item);
    }

    private static String truncate(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    private record Loaded(long id, String provider, String status, StoredDelivery delivery) {}

    /**
     * A delivery ready to commit.
     *
     * @param loaded the delivery; null when it no longer exists
     * @param interpretation what the connector made of it (apply or ignore); null when only its queue entry is left
     *     to remove
     * @param started when its interpretation began, for the metrics
     */
    private record Outcome(WorkItem item, Loaded loaded, Interpretation interpretation, long started) {}
}
