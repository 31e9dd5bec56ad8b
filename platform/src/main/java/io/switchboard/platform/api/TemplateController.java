package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.notify.MessageTemplate;
import io.switchboard.platform.notify.TemplateRenderer;
import io.switchboard.platform.notify.TemplateScope;
import io.switchboard.platform.notify.TemplateValidation;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's default notification templates, one per key ({@code payment.confirmed}, {@code lead.welcome},
 * ...). An event's {@code notificationTemplates} override them per key. Templates are validated on save.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/templates")
@Tag(name = "Templates")
@SecurityRequirement(name = "oauth2")
class TemplateController {

    /** The keys the platform sends on its own; connectors may use others through SendNotification. */
    static final List<String> KNOWN_KEYS = List.of("payment.confirmed", "booking.confirmed", "booking.rescheduled",
            "booking.cancelled", "lead.welcome", "invoice.payment_failed", "sms.opt_out.confirmation", "sms.auto_reply");

    private final TenantPaths paths;
    private final TenantDatabase database;
    private final AuditLog audit;

    TemplateController(TenantPaths paths, TenantDatabase database, AuditLog audit) {
        this.paths = paths;
        this.database = database;
        this.audit = audit;
    }

    @GetMapping
    @Operation(operationId = "listTemplates", summary = "List the tenant's templates")
    Page<TemplateView> list(@PathVariable String tenant) {
        Tenant owner = paths.require(tenant);
        return new Page<>(database.inTenant(owner, jdbc -> jdbc.sql(
                        "SELECT key, locale, sms, email_subject, email_html, email_text, updated_at FROM templates ORDER BY key")
                .query((rs, row) -> view(rs.getString("key"), new MessageTemplate(rs.getString("locale"), rs.getString("sms"),
                        rs.getString("email_subject"), rs.getString("email_html"), rs.getString("email_text")),
                        rs.getTimestamp("updated_at").toInstant()))
                .list()), null);
    }

    @GetMapping("/{key}")
    @Operation(operationId = "getTemplate", summary = "Read a template")
    TemplateView get(@PathVariable String tenant, @PathVariable String key) {
        Tenant owner = paths.require(tenant);
        return database.inTenant(owner, jdbc -> jdbc.sql(
                        "SELECT key, locale, sms, email_subject, email_html, email_text, updated_at FROM templates WHERE key = ?")
                .param(key)
                .query((rs, row) -> view(rs.getString("key"), new MessageTemplate(rs.getString("locale"), rs.getString("sms"),
                        rs.getString("email_subject"), rs.getString("email_html"), rs.getString("email_text")),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional())
                .orElseThrow(() -> ApiException.notFound("template " + key));
    }

    @PutMapping("/{key}")
    @Operation(operationId = "putTemplate", summary = "Create or replace a template",
            description = "Mustache syntax. Invalid templates are refused with the field, line and problem.")
    TemplateView put(@PathVariable String tenant, @PathVariable String key, @RequestBody TemplateBody body) {
        Tenant owner = paths.require(tenant);
        if (!key.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+){0,4}") || key.length() > 64) {
            throw ApiException.invalid(Map.of("key", "must be dotted lower-case words, such as payment.confirmed"));
        }
        MessageTemplate template = body.toTemplate();
        Map<String, String> errors = TemplateValidation.validate(key, template);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Instant updated = database.inTenant(owner, jdbc -> jdbc.sql("""
                        INSERT INTO templates (key, locale, sms, email_subject, email_html, email_text, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, now())
                        ON CONFLICT (key) DO UPDATE SET locale = EXCLUDED.locale, sms = EXCLUDED.sms,
                            email_subject = EXCLUDED.email_subject, email_html = EXCLUDED.email_html,
                            email_text = EXCLUDED.email_text, updated_at = now()
                        RETURNING updated_at""")
                .params(key, template.locale(), template.sms(), template.emailSubject(), template.emailHtml(),
                        template.emailText())
                .query(java.sql.Timestamp.class).single().toInstant());
        audit.record(owner, "template.put", "templates/" + key, Map.of());
        return view(key, template, updated);
    }

    @DeleteMapping("/{key}")
    @Operation(operationId = "deleteTemplate", summary = "Delete a template", description = "That key is then no longer sent (except built-in defaults).")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable String key) {
        Tenant owner = paths.require(tenant);
        int deleted = database.inTenant(owner, jdbc -> jdbc.sql("DELETE FROM templates WHERE key = ?").param(key).update());
        if (deleted == 0) {
            throw ApiException.notFound("template " + key);
        }
        audit.record(owner, "template.delete", "templates/" + key, Map.of());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/preview")
    @Operation(operationId = "previewTemplate", summary = "Preview a template", description = "Validates and renders it with sample values, without saving.")
    Preview preview(@PathVariable String tenant, @RequestBody TemplateBody body) {
        Tenant owner = paths.require(tenant);
        MessageTemplate template = body.toTemplate();
        Map<String, String> errors = TemplateValidation.validate(template);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("firstName", "Élodie");
        contact.put("lastName", "Martin");
        contact.put("email", "elodie.martin@example.fr");
        contact.put("phone", "+33612345678");
        Map<String, Object> event = Map.of("name", "Atelier découverte", "startsAt", Instant.parse("2026-09-26T08:00:00Z"));
        Map<String, Object> variables = Map.of("payment", Map.of("amount", 4500, "currency", "eur"),
                "booking", Map.of("startsAt", "2026-09-26T08:00:00Z", "url", "https://app.acuityscheduling.com/schedule.php"),
                "invoice", Map.of("id", "in_example", "attempt", 1, "url", "https://invoice.stripe.com/i/example"));
        Map<String, Object> scope = TemplateScope.build(owner.name(), contact, event, variables, template.locale(),
                ZoneId.of("Europe/Paris"));
        return new Preview(TemplateRenderer.text(template.sms(), scope), TemplateRenderer.text(template.emailSubject(), scope),
                TemplateRenderer.html(template.emailHtml(), scope), TemplateRenderer.text(template.emailText(), scope));
    }

    private static TemplateView view(String key, MessageTemplate t, Instant updatedAt) {
        return new TemplateView(key, t.locale(), t.sms().isEmpty() ? null : t.sms(),
                t.hasEmail() ? new EmailPart(t.emailSubject(), t.emailHtml(), t.emailText()) : null, updatedAt);
    }

    /**
     * A template: either channel may be absent, and that channel is then not used for the key.
     *
     * @param locale language of the texts (dates and amounts are formatted for it), default fr
     * @param sms the SMS text
     * @param email the email parts
     */
    record TemplateBody(String locale, String sms, EmailPart email) {
        MessageTemplate toTemplate() {
            EmailPart e = email == null ? new EmailPart("", "", "") : email;
            return new MessageTemplate(locale, sms, e.subject(), e.html(), e.text());
        }
    }

    /**
     * @param subject the subject line
     * @param html the HTML body (variables are HTML-escaped)
     * @param text the plain-text body
     */
    record EmailPart(String subject, String html, String text) {}

    /**
     * @param key the template key
     * @param locale its language
     * @param sms the SMS text, absent when the template sends no SMS
     * @param email the email parts, absent when it sends no email
     * @param updatedAt when it last changed
     */
    record TemplateView(String key, String locale, String sms, EmailPart email, Instant updatedAt) {}

    /**
     * @param sms the rendered SMS
     * @param emailSubject the rendered subject
     * @param emailHtml the rendered HTML
     * @param emailText the rendered text
     */
    record Preview(String sms, String emailSubject, String emailHtml, String emailText) {}
}
