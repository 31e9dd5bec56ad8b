package io.switchboard.platform.ingress;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.support.Problems;
import io.switchboard.platform.tenancy.DefaultTenantSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/webhooks/stripe}: the endpoint a single business's Stripe account already points at, kept so
 * that moving onto the platform needs no change at Stripe. It is {@code /webhooks/{tenant}/stripe} for the
 * default tenant, handled by {@link WebhookController} itself.
 */
@RestController
@Tag(name = "Webhooks")
class DefaultTenantWebhookController {

    private final WebhookController webhooks;
    private final DefaultTenantSettings defaultTenant;

    DefaultTenantWebhookController(WebhookController webhooks, DefaultTenantSettings defaultTenant) {
        this.webhooks = webhooks;
        this.defaultTenant = defaultTenant;
    }

    @PostMapping("/api/webhooks/stripe")
    @Operation(operationId = "receiveDefaultTenantStripeWebhook", summary = "Receive a Stripe webhook for the default tenant",
            description = "Single-business mode: the same as /webhooks/{tenant}/stripe for the tenant named by "
                    + "SWITCHBOARD_DEFAULT_TENANT. 404 when no default tenant is configured.")
    ResponseEntity<?> receiveForDefaultTenant(HttpServletRequest request) {
        Optional<String> slug = defaultTenant.slug();
        if (slug.isEmpty()) {
            return Problems.response(HttpStatus.NOT_FOUND, "unknown-webhook", "No default tenant is configured");
        }
        return webhooks.receive(slug.get(), "stripe", request);
    }
}
