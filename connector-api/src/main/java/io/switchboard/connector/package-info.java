/**
 * The Switchboard connector API: what a connector plugin implements and what it may use.
 *
 * <p>A connector is a stateless singleton discovered by PF4J. Everything tenant-specific (configuration,
 * secrets, clock, HTTP client, logger) arrives in a {@link io.switchboard.connector.ConnectorContext} on
 * each call. Webhook connectors implement {@link io.switchboard.connector.WebhookConnector}: they verify a
 * raw request and later interpret a stored delivery into {@link io.switchboard.connector.command.Command
 * commands}, which the platform applies to the tenant's records. Outbound channels implement {@link
 * io.switchboard.connector.MessageChannel}. Connectors never touch the database.
 */
package io.switchboard.connector;
