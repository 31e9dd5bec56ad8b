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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Processes one delivery: the connector interprets it (outside any transaction, since it may call the
 * provider's API), then its commands, the delivery's new status and the removal of its queue entry commit
 * together in the tenant's schema. Failures are retried with backoff; after the attempt limit, or on a
 * permanent failure, the delivery is dead-lettered with an incident. Replay puts it back in the queue.
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
        // One autocommit read: the delivery is immutable but for its status, which the apply step checks again
        // under a row lock.
        Optional<Loaded> loaded = database.placementOf(tenant).jdbc().sql("""
                SELECT id, provider, dedupe_key, event_type, occurred_at, received_at, body, status
                FROM %s WHERE id = ?""".formatted(TenantDatabase.table(tenant, "deliveries")))
                .param(item.itemId())
                .query((rs, row) -> new Loaded(rs.getString("provider"), rs.getString("status"), new StoredDelivery(
                        Long.toString(rs.getLong("id")), rs.getString("dedupe_key"), rs.getString("event_type"),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("received_at").toInstant(),
                        Objects.requireNonNullElse(rs.getBytes("body"), new byte[0]), item.attempts())))
                .optional();
        if (loaded.isEmpty() || "PROCESSED".equals(loaded.get().status()) || "IGNORED".equals(loaded.get().status())) {
            queue.complete(database.placementOf(tenant).jdbc(), item);
            return;
        }
        String provider = loaded.get().provider();
        Optional<LoadedConnector> connector = host.find(provider).filter(c -> c.webhook().isPresent());
        if (connector.isEmpty()) {
            retry(tenant, item, "no connector plugin for " + provider + " is loaded", Duration.ZERO);
            return;
        }
        Optional<Connection> connection = connections.find(tenant.id(), provider).filter(Connection::enabled);
        if (connection.isEmpty()) {
            retry(tenant, item, "the " + provider + " connection is missing or disabled", Duration.ZERO);
            return;
        }
        WebhookConnector webhook = connector.get().webhook().orElseThrow();
        var context = contexts.create(tenant.slug(), connector.get().descriptor(), connection.get().config());
        long started = System.nanoTime();
        Interpretation interpretation = calls.call(provider + " interpret",
                () -> webhook.interpret(loaded.get().delivery(), context));
        if (interpretation instanceof Interpretation.Apply apply) {
            database.runInTenant(tenant, jdbc -> {
                String status = jdbc.sql("SELECT status FROM deliveries WHERE id = ? FOR UPDATE").param(item.itemId())
                        .query(String.class).optional().orElse("PROCESSED");
                if (!"PROCESSED".equals(status)) {
                    applier.apply(new ApplyScope(jdbc, tenant, item.itemId(), provider), apply.commands());
                    finish(jdbc, item, "PROCESSED", null);
                }
                queue.complete(jdbc, item);
            });
            metrics.processed(provider, "processed", loaded.get().delivery().receivedAt(), started);
        } else if (interpretation instanceof Interpretation.Ignore ignore) {
            database.runInTenant(tenant, jdbc -> {
                finish(jdbc, item, "IGNORED", ignore.reason());
                queue.complete(jdbc, item);
            });
            metrics.processed(provider, "ignored", loaded.get().delivery().receivedAt(), started);
        } else if (interpretation instanceof Interpretation.Fail fail) {
            dead(tenant, item, fail.reason());
        } else if (interpretation instanceof Interpretation.Retry retry) {
            retry(tenant, item, retry.reason(), retry.notBefore());
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

    private record Loaded(String provider, String status, StoredDelivery delivery) {}
}
