package io.switchboard.platform.notify;

import io.switchboard.connector.Channel;
import io.switchboard.connector.MessageChannel;
import io.switchboard.connector.OutboundMessage;
import io.switchboard.connector.SendOutcome;
import io.switchboard.connector.command.Severity;
import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.connectorhost.ConnectorContexts;
import io.switchboard.platform.connectorhost.ConnectorHost;
import io.switchboard.platform.connectorhost.LoadedConnector;
import io.switchboard.platform.processing.Backoff;
import io.switchboard.platform.processing.ConnectorCalls;
import io.switchboard.platform.processing.WorkHandler;
import io.switchboard.platform.processing.WorkItem;
import io.switchboard.platform.processing.WorkQueue;
import io.switchboard.platform.records.Incidents;
import io.switchboard.platform.tenancy.Connection;
import io.switchboard.platform.tenancy.ConnectionStore;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one path every outbound message takes. At send time it checks the suppression list and the contact's
 * consent (a message queued before a STOP is not sent), renders the tenant's template, sends through the
 * channel plugin of the tenant's connection with the message's stable idempotency key, and records the
 * outcome: SENT with the provider's id, retried with backoff on temporary failures, FAILED with an incident on
 * permanent ones. A provider saying the recipient unsubscribed (Twilio 21610) suppresses the number.
 */
@Component
class MessageDispatcher implements WorkHandler {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final TenantDatabase database;
    private final TemplateStore templates;
    private final Suppressions suppressions;
    private final ConnectorHost host;
    private final ConnectionStore connections;
    private final ConnectorContexts contexts;
    private final ConnectorCalls calls;
    private final WorkQueue queue;
    private final Incidents incidents;
    private final DispatchMetrics metrics;
    private final JsonMapper json;
    private final SwitchboardProperties.Processing settings;
    private final Backoff backoff;
    private final Clock clock;
    private final ZoneId zone = ZoneId.of("Europe/Paris");

    MessageDispatcher(TenantDatabase database, TemplateStore templates, Suppressions suppressions, ConnectorHost host,
            ConnectionStore connections, ConnectorContexts contexts, ConnectorCalls calls, WorkQueue queue,
            Incidents incidents, DispatchMetrics metrics, JsonMapper json, SwitchboardProperties properties, Clock clock) {
        this.database = database;
        this.templates = templates;
        this.suppressions = suppressions;
        this.host = host;
        this.connections = connections;
        this.contexts = contexts;
        this.calls = calls;
        this.queue = queue;
        this.incidents = incidents;
        this.metrics = metrics;
        this.json = json;
        this.settings = properties.processing();
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "MESSAGE";
    }

    @Override
    public void handle(Tenant tenant, WorkItem item) {
        Optional<Prepared> prepared = database.inTenant(tenant, jdbc -> prepare(jdbc, tenant, item));
        if (prepared.isEmpty()) {
            return;
        }
        Prepared message = prepared.get();
        Optional<Sender> sender = sender(tenant, message.channel());
        if (sender.isEmpty()) {
            fail(tenant, item, "no enabled " + message.channel() + " connection for this tenant", false, message);
            return;
        }
        var context = contexts.create(tenant.slug(), sender.get().connector().descriptor(), sender.get().connection().config());
        String provider = sender.get().connector().providerId();
        Callable<SendOutcome> send = () -> sender.get().channel().send(message.outbound(), context);
        SendOutcome outcome;
        if (message.bypass()) {
            outcome = calls.call(provider + " send", send);
        } else {
            // Checked again, and kept from changing, until the provider has answered: a STOP that committed after
            // prepare() stops the message here, and one arriving now waits for this send (Suppressions).
            Optional<SendOutcome> sentOrNot = database.inTenant(tenant, jdbc -> {
                if (suppressions.isSuppressedUntilSent(jdbc, tenant, message.channel().name(), message.recipient())) {
                    suppressed(jdbc, item, message.channel());
                    return Optional.empty();
                }
                return Optional.of(calls.call(provider + " send", send));
            });
            if (sentOrNot.isEmpty()) {
                return;
            }
            outcome = sentOrNot.get();
        }
        if (outcome instanceof SendOutcome.Sent sent) {
            database.runInTenant(tenant, jdbc -> {
                jdbc.sql("""
                        UPDATE messages SET status = 'SENT', provider = ?, provider_message_id = ?, attempts = ?,
                            last_error = NULL, sent_at = now(), updated_at = now() WHERE id = ?""")
                        .params(provider, sent.providerMessageId(), item.attempts(), item.itemId()).update();
                queue.complete(jdbc, item);
            });
            metrics.sent(message.channel(), "sent");
        } else if (outcome instanceof SendOutcome.RetryLater later) {
            retry(tenant, item, later.reason(), later.notBefore(), message);
        } else if (outcome instanceof SendOutcome.Rejected rejected && rejected.recipientOptedOut() && message.bypass()) {
            alreadyOptedOutAtProvider(tenant, item, rejected.reason(), message);
        } else if (outcome instanceof SendOutcome.Rejected rejected) {
            fail(tenant, item, rejected.reason(), rejected.recipientOptedOut(), message);
        }
    }

    @Override
    public void failed(Tenant tenant, WorkItem item, Exception error) {
        retry(tenant, item, String.valueOf(error.getMessage()), Duration.ZERO, null);
    }

    private Optional<Prepared> prepare(JdbcClient jdbc, Tenant tenant, WorkItem item) {
        Optional<Map<String, Object>> row = jdbc.sql("""
                SELECT m.channel, m.recipient, m.template_key, m.event_id, m.variables::text AS variables, m.status,
                       m.idempotency_key, m.bypass_suppression, c.first_name, c.last_name, c.email, c.phone,
                       c.status AS contact_status, e.name AS event_name, e.starts_at AS event_starts_at
                FROM messages m
                LEFT JOIN contacts c ON c.id = m.contact_id
                LEFT JOIN events e ON e.id = m.event_id
                WHERE m.id = ? FOR UPDATE OF m""").param(item.itemId()).query().listOfRows().stream().findFirst();
        if (row.isEmpty() || !"QUEUED".equals(row.get().get("status"))) {
            queue.complete(jdbc, item);
            return Optional.empty();
        }
        Map<String, Object> m = row.get();
        Channel channel = Channel.valueOf((String) m.get("channel"));
        String recipient = (String) m.get("recipient");
        boolean bypass = Boolean.TRUE.equals(m.get("bypass_suppression"));
        boolean optedOut = channel == Channel.SMS && "OPTED_OUT".equals(m.get("contact_status"));
        if (!bypass && (optedOut || suppressions.isSuppressed(jdbc, tenant, channel.name(), recipient))) {
            suppressed(jdbc, item, channel);
            return Optional.empty();
        }
        Long eventId = m.get("event_id") == null ? null : ((Number) m.get("event_id")).longValue();
        Optional<MessageTemplate> template = templates.resolve(jdbc, (String) m.get("template_key"), eventId);
        if (template.isEmpty()) {
            markFailed(jdbc, tenant, item, "template " + m.get("template_key") + " no longer exists");
            return Optional.empty();
        }
        Map<String, Object> contact = new java.util.LinkedHashMap<>();
        contact.put("firstName", m.get("first_name"));
        contact.put("lastName", m.get("last_name"));
        contact.put("email", m.get("email"));
        contact.put("phone", m.get("phone"));
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        if (m.get("event_name") != null) {
            event.put("name", m.get("event_name"));
        }
        if (m.get("event_starts_at") instanceof java.sql.Timestamp startsAt) {
            event.put("startsAt", startsAt.toInstant());
        }
        MessageTemplate t = template.get();
        Map<String, Object> scope = TemplateScope.build(tenant.name(), contact, event,
                json.readValue((String) m.get("variables"), MAP), t.locale(), zone);
        OutboundMessage outbound = channel == Channel.SMS
                ? new OutboundMessage((String) m.get("idempotency_key"), recipient, "", TemplateRenderer.text(t.sms(), scope), "")
                : new OutboundMessage((String) m.get("idempotency_key"), recipient,
                        TemplateRenderer.text(t.emailSubject(), scope), TemplateRenderer.text(t.emailText(), scope),
                        TemplateRenderer.html(t.emailHtml(), scope));
        return Optional.of(new Prepared(channel, recipient, outbound, bypass));
    }

    private void suppressed(JdbcClient jdbc, WorkItem item, Channel channel) {
        jdbc.sql("UPDATE messages SET status = 'SUPPRESSED', attempts = ?, updated_at = now() WHERE id = ?")
                .params(item.attempts(), item.itemId()).update();
        queue.complete(jdbc, item);
        metrics.sent(channel, "suppressed");
    }

    private Optional<Sender> sender(Tenant tenant, Channel channel) {
        for (LoadedConnector connector : host.connectors()) {
            MessageChannel sender = connector.channels().get(channel);
            if (sender == null) {
                continue;
            }
            Optional<Connection> connection = connections.find(tenant.id(), connector.providerId()).filter(Connection::enabled);
            if (connection.isPresent()) {
                return Optional.of(new Sender(connector, sender, connection.get()));
            }
        }
        return Optional.empty();
    }

    private void retry(Tenant tenant, WorkItem item, String reason, Duration notBefore, Prepared message) {
        if (item.attempts() >= settings.maxAttempts()) {
            fail(tenant, item, "gave up after " + item.attempts() + " attempts: " + reason, false, message);
            return;
        }
        Duration delay = backoff.after(item.attempts());
        Duration wait = notBefore.compareTo(delay) > 0 ? notBefore : delay;
        database.runInTenant(tenant, jdbc -> {
            jdbc.sql("UPDATE messages SET attempts = ?, last_error = ?, updated_at = now() WHERE id = ?")
                    .params(item.attempts(), reason, item.itemId()).update();
            queue.reschedule(jdbc, item, clock.instant().plus(wait));
        });
    }

    private void fail(Tenant tenant, WorkItem item, String reason, boolean recipientOptedOut, Prepared message) {
        database.runInTenant(tenant, jdbc -> {
            markFailed(jdbc, tenant, item, reason);
            if (recipientOptedOut && message != null && message.channel() == Channel.SMS) {
                suppressions.add(jdbc, tenant, "SMS", message.recipient(), "provider_opt_out", "", "");
                jdbc.sql("""
                        UPDATE contacts SET status = 'OPTED_OUT', opted_out_at = coalesce(opted_out_at, now()),
                            opt_out_keyword = coalesce(opt_out_keyword, 'PROVIDER'), updated_at = now()
                        WHERE phone = ?""").param(message.recipient()).update();
            }
        });
        if (message != null) {
            metrics.sent(message.channel(), "failed");
        }
    }

    private void markFailed(JdbcClient jdbc, Tenant tenant, WorkItem item, String reason) {
        jdbc.sql("UPDATE messages SET status = 'FAILED', attempts = ?, last_error = ?, updated_at = now() WHERE id = ?")
                .params(item.attempts(), reason, item.itemId()).update();
        incidents.log(jdbc, null, "message.failed", Severity.ERROR, "Message " + item.itemId() + " could not be sent: " + reason,
                Map.of("messageId", item.itemId()));
        queue.complete(jdbc, item);
    }

    /**
     * The opt-out confirmation refused because the provider has opted the number out already: Twilio's own opt-out
     * handling blocks a number the moment it texts one of Twilio's keywords, and confirms it itself. Nothing went
     * wrong, so the message is SUPPRESSED with the provider's reason, without an error incident.
     */
    private void alreadyOptedOutAtProvider(Tenant tenant, WorkItem item, String reason, Prepared message) {
        database.runInTenant(tenant, jdbc -> {
            jdbc.sql("UPDATE messages SET status = 'SUPPRESSED', attempts = ?, last_error = ?, updated_at = now() WHERE id = ?")
                    .params(item.attempts(), reason, item.itemId()).update();
            queue.complete(jdbc, item);
        });
        metrics.sent(message.channel(), "suppressed");
    }

    private record Prepared(Channel channel, String recipient, OutboundMessage outbound, boolean bypass) {}

    private record Sender(LoadedConnector connector, MessageChannel channel, Connection connection) {}
}
