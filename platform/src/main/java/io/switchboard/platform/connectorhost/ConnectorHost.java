package io.switchboard.platform.connectorhost;

import io.switchboard.connector.Channel;
import io.switchboard.connector.Connector;
import io.switchboard.connector.ConnectorApi;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.MessageChannel;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.platform.config.SwitchboardProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.SingletonExtensionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Loads connector plugins with PF4J from the plugins folder. The host's PF4J system version is the
 * connector API version, so a plugin whose {@code Plugin-Requires} does not match is refused. A plugin that
 * fails to load or start is reported in {@link #plugins()} and skipped: the platform starts without it.
 */
@Component
public class ConnectorHost implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConnectorHost.class);

    private final Path pluginsDir;
    private volatile State state = new State(null, Map.of(), List.of());

    public ConnectorHost(SwitchboardProperties properties) {
        this.pluginsDir = properties.pluginsDir().toAbsolutePath().normalize();
        reload();
    }

    /** The connector for a provider id. */
    public Optional<LoadedConnector> find(String providerId) {
        return Optional.ofNullable(state.connectors().get(providerId));
    }

    /** Every loaded connector, by provider id. */
    public Collection<LoadedConnector> connectors() {
        return state.connectors().values();
    }

    /** What happened to each plugin found. */
    public List<PluginStatus> plugins() {
        return state.plugins();
    }

    /** The folder plugins are loaded from. */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /**
     * Loads the plugins folder again, so plugins can be added or upgraded without a restart. Calls in
     * flight on an old plugin finish or fail and are retried by the queue.
     */
    public synchronized List<PluginStatus> reload() {
        State previous = state;
        State next = load();
        state = next;
        if (previous.manager() != null) {
            unload(previous.manager());
        }
        return next.plugins();
    }

    /**
     * Stops and unloads every plugin of a manager, closing their class loaders. PF4J 3.15's {@code stopPlugins()}
     * removes from the list it iterates (a ConcurrentModificationException as soon as two plugins run), and its
     * {@code unloadPlugins()} skips unresolved plugins, so each plugin is unloaded on its own; one that fails to
     * stop does not keep the others loaded.
     */
    private static void unload(PluginManager manager) {
        for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
            try {
                manager.unloadPlugin(plugin.getPluginId());
            } catch (RuntimeException | LinkageError e) {
                log.warn("Plugin {} did not unload cleanly: {}", plugin.getPluginId(), e.toString());
            }
        }
    }

    private State load() {
        if (!Files.isDirectory(pluginsDir)) {
            log.warn("Plugins folder {} does not exist: no connectors loaded", pluginsDir);
            return new State(null, Map.of(), List.of());
        }
        PluginManager manager = new DefaultPluginManager(pluginsDir) {
            @Override
            protected ExtensionFactory createExtensionFactory() {
                return new SingletonExtensionFactory(this);
            }
        };
        manager.setSystemVersion(ConnectorApi.VERSION);
        manager.loadPlugins();
        manager.startPlugins();

        Map<String, LoadedConnector> connectors = new LinkedHashMap<>();
        List<PluginStatus> statuses = new ArrayList<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            statuses.add(inspect(manager, plugin, connectors));
        }
        connectors.values().forEach(c -> log.info("Connector {} loaded from plugin {} (webhook: {}, channels: {})",
                c.providerId(), c.pluginId(), c.webhook().isPresent(), c.channels().keySet()));
        return new State(manager, Map.copyOf(connectors), List.copyOf(statuses));
    }

    private PluginStatus inspect(PluginManager manager, PluginWrapper plugin, Map<String, LoadedConnector> connectors) {
        String id = plugin.getPluginId();
        String version = plugin.getDescriptor().getVersion();
        String requires = plugin.getDescriptor().getRequires();
        if (!manager.getVersionManager().checkVersionConstraint(ConnectorApi.VERSION, requires)) {
            String problem = "requires connector API " + requires + " but the platform provides " + ConnectorApi.VERSION;
            log.error("Plugin {} refused: {}", id, problem);
            return new PluginStatus(id, version, requires, "INCOMPATIBLE", problem, List.of());
        }
        if (plugin.getPluginState() != PluginState.STARTED) {
            String problem = plugin.getFailedException() != null
                    ? plugin.getFailedException().toString()
                    : "plugin state " + plugin.getPluginState();
            log.error("Plugin {} not started: {}", id, problem);
            return new PluginStatus(id, version, requires, "FAILED", problem, List.of());
        }
        try {
            Map<String, ConnectorDescriptor> descriptors = new LinkedHashMap<>();
            Map<String, WebhookConnector> webhooks = new LinkedHashMap<>();
            Map<String, Map<Channel, MessageChannel>> channels = new LinkedHashMap<>();
            for (Connector extension : manager.getExtensions(Connector.class, id)) {
                ConnectorDescriptor descriptor = extension.descriptor();
                descriptors.putIfAbsent(descriptor.providerId(), descriptor);
                if (extension instanceof WebhookConnector webhook) {
                    webhooks.put(descriptor.providerId(), webhook);
                }
                if (extension instanceof MessageChannel channel) {
                    channels.computeIfAbsent(descriptor.providerId(), k -> new EnumMap<>(Channel.class))
                            .put(channel.channel(), channel);
                }
            }
            if (descriptors.isEmpty()) {
                String problem = "no connector extensions found (is META-INF/extensions.idx in the jar?)";
                log.error("Plugin {}: {}", id, problem);
                return new PluginStatus(id, version, requires, "FAILED", problem, List.of());
            }
            List<String> providers = new ArrayList<>();
            for (ConnectorDescriptor descriptor : descriptors.values()) {
                String provider = descriptor.providerId();
                if (connectors.containsKey(provider)) {
                    log.error("Plugin {} provides {} which plugin {} already provides: skipped", id, provider,
                            connectors.get(provider).pluginId());
                    continue;
                }
                connectors.put(provider, new LoadedConnector(id, descriptor, Optional.ofNullable(webhooks.get(provider)),
                        channels.getOrDefault(provider, Map.of())));
                providers.add(provider);
            }
            return new PluginStatus(id, version, requires, "STARTED", "", providers);
        } catch (RuntimeException | LinkageError e) {
            log.error("Plugin {} failed while its connectors were read", id, e);
            return new PluginStatus(id, version, requires, "FAILED", e.toString(), List.of());
        }
    }

    @Override
    public void destroy() {
        if (state.manager() != null) {
            unload(state.manager());
        }
    }

    private record State(PluginManager manager, Map<String, LoadedConnector> connectors, List<PluginStatus> plugins) {}
}
