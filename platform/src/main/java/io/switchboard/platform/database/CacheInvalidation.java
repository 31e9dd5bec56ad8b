package io.switchboard.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells this node's caches of platform rows (tenants, connections) when a row changed, on whichever node or by
 * whatever means: triggers on those tables send {@code NOTIFY switchboard_cache, '<topic>:<key>'} when the change
 * commits (platform migration V4), and one connection of this node listens (ADR 14).
 *
 * <p>While the listener is connected, a cache may keep what it read for long: the notification of a change evicts
 * it. When the connection is lost, {@link #live()} turns false, so caches fall back to a few seconds, and once it is
 * back every subscriber is reset, because notifications sent in between were missed.
 */
@Component
public class CacheInvalidation implements SmartLifecycle {

    static final String CHANNEL = "switchboard_cache";
    static final String APPLICATION_NAME = "switchboard-cache-listener";
    private static final Logger log = LoggerFactory.getLogger(CacheInvalidation.class);
    private static final int POLL_MILLIS = 500;
    private static final long PING_NANOS = 15_000_000_000L;
    private static final long RETRY_MILLIS = 1_000;

    /** What a cache does on a notification of its topic, and when every notification may have been missed. */
    private record Subscriber(Consumer<String> changed, Runnable reset) {}

    private final DataSource dataSource;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean live;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    public CacheInvalidation(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Calls {@code changed} with the key of each change notified on the topic ({@code tenant}, {@code connection}),
     * and {@code reset} when changes may have been missed.
     */
    public void subscribe(String topic, Consumer<String> changed, Runnable reset) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(new Subscriber(changed, reset));
    }

    /** Whether changes are being heard now: if not, a cache must not trust what it read more than a few seconds ago. */
    public boolean live() {
        return live;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "cache-invalidation");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread listener;
        synchronized (this) {
            running = false;
            listener = thread;
        }
        closeQuietly(connection);
        if (listener != null) {
            try {
                listener.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        live = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean warned = false;
        while (running) {
            try (Connection c = open()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                live = true;
                // changes made while no one listened were not heard
                subscribers.values().forEach(list -> list.forEach(subscriber -> subscriber.reset().run()));
                if (warned) {
                    log.info("Listening for cache invalidations again");
                    warned = false;
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                long pinged = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            dispatch(n.getParameter());
                        }
                    }
                    if (System.nanoTime() - pinged > PING_NANOS) {
                        // a connection dropped without a word (a firewall, a failover) shows up here
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT 1");
                        }
                        pinged = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                live = false;
                if (!running) {
                    return;
                }
                if (!warned) {
                    log.warn("Not listening for cache invalidations ({}); caches keep rows a few seconds only until "
                            + "the connection is back", e.toString());
                    warned = true;
                }
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            } finally {
                live = false;
                connection = null;
            }
        }
    }

    void dispatch(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        List<Subscriber> list = subscribers.get(payload.substring(0, colon));
        if (list != null) {
            String key = payload.substring(colon + 1);
            for (Subscriber subscriber : list) {
                try {
                    subscriber.changed().accept(key);
                } catch (RuntimeException e) {
                    // a bad key must not stop the listener; the entry ages out on its own
                    log.warn("Cache invalidation {} failed: {}", payload, e.toString());
                }
            }
        }
    }

    /** A connection of its own, outside the pools: it stays open as long as the node runs. */
    private Connection open() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            Properties properties = new Properties();
            hikari.getDataSourceProperties().forEach((k, v) -> properties.setProperty(k.toString(), v.toString()));
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            properties.setProperty("ApplicationName", APPLICATION_NAME);
            properties.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
        }
        return dataSource.getConnection();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing to stop the listener: nothing to do about it
            }
        }
    }
}
