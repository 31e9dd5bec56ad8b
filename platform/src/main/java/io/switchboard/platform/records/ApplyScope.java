package io.switchboard.platform.records;

import io.switchboard.platform.tenancy.Tenant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where commands are being applied: inside one transaction in the tenant's schema, for one delivery.
 *
 * @param jdbc the client bound to that transaction
 * @param tenant the tenant
 * @param deliveryId the delivery whose commands these are
 * @param provider the provider that sent it
 */
public record ApplyScope(JdbcClient jdbc, Tenant tenant, long deliveryId, String provider) {}
