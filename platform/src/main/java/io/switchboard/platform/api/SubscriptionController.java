package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.tenancy.Tenant;
import java.time.Instant;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's subscriptions (Stripe), with their plan, billing state and dunning. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/subscriptions")
@Tag(name = "Subscriptions")
@SecurityRequirement(name = "oauth2")
class SubscriptionController {

    private final TenantPaths paths;
    private final SubscriptionQueries subscriptions;

    SubscriptionController(TenantPaths paths, SubscriptionQueries subscriptions) {
        this.paths = paths;
        this.subscriptions = subscriptions;
    }

    @GetMapping
    @Operation(operationId = "listSubscriptions",
            summary = "List subscriptions", description = "In id order; filter by the provider's status or by contact.")
    Page<SubscriptionView> list(@PathVariable String tenant,
            @Parameter(description = "the provider's status, such as active, past_due, canceled")
            @RequestParam(required = false) String status,
            @Parameter(description = "only this contact's") @RequestParam(required = false) Long contactId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        Tenant owner = paths.require(tenant);
        if (status != null && !status.matches("[a-z_]{1,40}")) {
            throw ApiException.invalid(Map.of("status", "must be a provider status such as active or past_due"));
        }
        int size = Page.limit(limit);
        return Page.of(subscriptions.list(owner, status, contactId, Page.after(cursor, 0), size + 1), size,
                s -> Long.parseLong(s.id()));
    }

    /**
     * @param id the subscription id
     * @param providerSubscriptionId the provider's id (sub_...)
     * @param status the provider's status: active, trialing, past_due, canceled, unpaid, ...
     * @param planId the provider's price or plan id
     * @param planName the plan's name
     * @param amount the price per interval in the currency's smallest unit
     * @param currency ISO 4217 code, lower case
     * @param interval the billing interval: day, week, month or year
     * @param currentPeriodEnd when the paid period ends
     * @param cancelAtPeriodEnd whether it ends at the end of the period
     * @param canceledAt when it was canceled
     * @param serviceSuspended whether service is suspended after repeated failed payments
     * @param failedPaymentCount failed payments since the last success
     * @param contactId the subscriber
     * @param createdAt when it was first recorded
     * @param updatedAt when it last changed
     */
    record SubscriptionView(String id, String providerSubscriptionId, String status, String planId, String planName,
            Long amount, String currency, String interval, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
            Instant canceledAt, boolean serviceSuspended, int failedPaymentCount, String contactId, Instant createdAt,
            Instant updatedAt) {}
}
