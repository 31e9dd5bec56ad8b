package io.switchboard.connector;

import org.pf4j.ExtensionPoint;

/**
 * Common root of every connector extension. Implementations must be stateless: the platform creates one
 * instance and calls it concurrently for all tenants.
 */
public interface Connector extends ExtensionPoint {

    /** Describes the provider this connector speaks to; called once when the plugin is loaded. */
    ConnectorDescriptor descriptor();
}
