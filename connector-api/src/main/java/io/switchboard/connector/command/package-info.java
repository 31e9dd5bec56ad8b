/**
 * The commands a connector returns from {@code interpret}: the only way it changes a tenant's records.
 *
 * <p>Commands are plain values. The platform applies all commands of one delivery in one transaction,
 * idempotently (the same command twice gives the same state) and order-safely (a command whose
 * {@code occurredAt} is older than the state it would overwrite is recorded but not applied). Text fields
 * that are unknown are empty strings, never null; optional times and amounts are documented where they may
 * be null.
 */
package io.switchboard.connector.command;
