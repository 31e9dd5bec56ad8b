package io.switchboard.platform.connectorhost;

import java.util.List;

/**
 * How loading one plugin went.
 *
 * @param pluginId the plugin's id
 * @param version its version
 * @param requires its {@code Plugin-Requires} range
 * @param state STARTED, or FAILED / INCOMPATIBLE / DISABLED
 * @param problem why it is not started, empty when it is
 * @param providers the provider ids it contributes
 */
public record PluginStatus(
        String pluginId, String version, String requires, String state, String problem, List<String> providers) {

    public PluginStatus {
        providers = List.copyOf(providers);
    }

    /** Whether the plugin runs. */
    public boolean started() {
        return "STARTED".equals(state);
    }
}
