package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.tenancy.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The outbound log: every SMS and email the platform queued, sent, suppressed or failed to send. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/messages")
@Tag(name = "Messages")
@SecurityRequirement(name = "oauth2")
class MessageController {

    static final List<String> STATUSES = List.of("QUEUED", "SENT", "FAILED", "SUPPRESSED");
    static final List<String> CHANNELS = List.of("SMS", "EMAIL");

    private final TenantPaths paths;
    private final MessageQueries messages;

    MessageController(TenantPaths paths, MessageQueries messages) {
        this.paths = paths;
        this.messages = messages;
    }

    @GetMapping
    @Operation(operationId = "listMessages",
            summary = "List messages", description = "Newest first; filter by status, channel and contact.")
    Page<MessageView> list(@PathVariable String tenant,
            @Parameter(description = "QUEUED, SENT, FAILED or SUPPRESSED") @RequestParam(required = false) String status,
            @Parameter(description = "SMS or EMAIL") @RequestParam(required = false) String channel,
            @Parameter(description = "only messages to this contact") @RequestParam(required = false) Long contactId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        Tenant owner = paths.require(tenant);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid(Map.of("status", "must be one of " + STATUSES));
        }
        if (channel != null && !CHANNELS.contains(channel)) {
            throw ApiException.invalid(Map.of("channel", "must be one of " + CHANNELS));
        }
        int size = Page.limit(limit);
        return Page.of(messages.list(owner, status, channel, contactId, Page.after(cursor, Long.MAX_VALUE), size + 1), size,
                m -> Long.parseLong(m.id()));
    }

    /**
     * @param id the message id
     * @param channel SMS or EMAIL
     * @param recipient the phone number or email address
     * @param templateKey the template it was rendered from
     * @param contactId the contact it was sent to
     * @param eventId the event it is about
     * @param status QUEUED, SENT, FAILED or SUPPRESSED (the recipient opted out)
     * @param provider the channel connector that sent it
     * @param providerMessageId the provider's id of the sent message
     * @param attempts send attempts so far
     * @param lastError the last failure
     * @param createdAt when it was queued
     * @param sentAt when the provider accepted it
     * @param updatedAt when it last changed
     */
    record MessageView(String id, String channel, String recipient, String templateKey, String contactId, String eventId,
            String status, String provider, String providerMessageId, int attempts, String lastError, Instant createdAt,
            Instant sentAt, Instant updatedAt) {}
}
