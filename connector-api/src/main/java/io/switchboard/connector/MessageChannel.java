package io.switchboard.connector;

/**
 * A connector that sends outbound messages for one {@link Channel}. Its configuration is the tenant's
 * connection for {@link ConnectorDescriptor#providerId()}. The platform's dispatcher is the only caller: it
 * renders templates, enforces the suppression list at send time and records the outcome.
 */
public interface MessageChannel extends Connector {

    /** The channel this connector sends on. */
    Channel channel();

    /** Sends one message. Must not throw for provider errors: map them to a {@link SendOutcome}. */
    SendOutcome send(OutboundMessage message, ConnectorContext context);
}
