package io.switchboard.platform.processing;

/**
 * A claimed queue entry.
 *
 * @param id the entry's id
 * @param kind DELIVERY or MESSAGE
 * @param tenantId the tenant whose item it is
 * @param itemId the delivery or message id in the tenant's schema
 * @param attempts how many times it has been claimed, this time included
 */
public record WorkItem(long id, String kind, long tenantId, long itemId, int attempts) {}
