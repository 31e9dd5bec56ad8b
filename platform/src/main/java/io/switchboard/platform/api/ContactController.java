package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.tenancy.Tenant;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's contacts (customers, attendees and leads are all contacts), with GDPR export and erasure. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/contacts")
@Tag(name = "Contacts")
@SecurityRequirement(name = "oauth2")
class ContactController {

    static final List<String> STATUSES = List.of("LEAD", "CUSTOMER", "CHURNED", "OPTED_OUT");

    private final TenantPaths paths;
    private final ContactQueries contacts;
    private final ContactExportQuery exports;
    private final ContactErasure erasure;
    private final AuditLog audit;

    ContactController(TenantPaths paths, ContactQueries contacts, ContactExportQuery exports, ContactErasure erasure,
            AuditLog audit) {
        this.paths = paths;
        this.contacts = contacts;
        this.exports = exports;
        this.erasure = erasure;
        this.audit = audit;
    }

    @GetMapping
    @Operation(operationId = "listContacts",
            summary = "List contacts", description = "In id order. `email` matches ignoring case; `phone` matches "
            + "on its digits (+33 6 12 34 56 78 finds +33612345678).")
    Page<ContactView> list(@PathVariable String tenant,
            @Parameter(description = "exact address, any case") @RequestParam(required = false) String email,
            @Parameter(description = "phone number, any formatting") @RequestParam(required = false) String phone,
            @Parameter(description = "LEAD, CUSTOMER, CHURNED or OPTED_OUT") @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        Tenant owner = paths.require(tenant);
        Filter filter = Filter.of(email, phone, status);
        int size = Page.limit(limit);
        return Page.of(contacts.list(owner, filter, Page.after(cursor, 0), size + 1), size, c -> Long.parseLong(c.id()));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getContact",
            summary = "Read a contact", description = "With its attributes and SMS consent evidence.")
    ContactView get(@PathVariable String tenant, @PathVariable long id) {
        return contacts.find(paths.require(tenant), id).orElseThrow(() -> ApiException.notFound("contact " + id));
    }

    @GetMapping("/{id}/export")
    @Operation(operationId = "exportContact",
            summary = "Export everything held about a contact (GDPR access)",
            description = "The contact, provider identities, timeline, attendee rows with intake answers, payments, "
                    + "subscriptions, messages, opt-out evidence, incidents and the webhook deliveries that mention the "
                    + "person. The export is itself recorded in the audit log.")
    ContactExport export(@PathVariable String tenant, @PathVariable long id) {
        Tenant owner = paths.require(tenant);
        ContactExport export = exports.export(owner, id).orElseThrow(() -> ApiException.notFound("contact " + id));
        audit.record(owner, "contact.export", "contacts/" + id, Map.of());
        return export;
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "eraseContact",
            summary = "Erase a contact (GDPR erasure)",
            description = "Removes the person's data everywhere in the tenant's records: the contact, its timeline and "
                    + "attendee rows, messages to them, their email and phone in incidents and logs, and every stored "
                    + "raw webhook that mentions them. Payments and subscriptions stay without the link. The opt-out "
                    + "evidence stays as a hash, so an erased number that said STOP is still never messaged.")
    Erasure erase(@PathVariable String tenant, @PathVariable long id) {
        Tenant owner = paths.require(tenant);
        Erasure erased = erasure.erase(owner, id).orElseThrow(() -> ApiException.notFound("contact " + id));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("messagesDeleted", erased.messagesDeleted());
        details.put("deliveriesPurged", erased.deliveriesPurged());
        details.put("recordsRedacted", erased.recordsRedacted());
        details.put("suppressionsKeptAsHash", erased.suppressionsKeptAsHash());
        audit.record(owner, "contact.erase", "contacts/" + id, details);
        return erased;
    }

    /**
     * The validated list filters.
     *
     * @param email the email, as given
     * @param phoneDigits the phone's digits
     * @param status the status
     */
    record Filter(String email, String phoneDigits, String status) {
        static Filter of(String email, String phone, String status) {
            Map<String, String> errors = new LinkedHashMap<>();
            if (email != null && (email.length() > 320 || !email.trim().matches("[^@\\s]+@[^@\\s]+"))) {
                errors.put("email", "must be an email address");
            }
            String digits = phone == null ? null : phone.replaceAll("[^0-9]", "");
            if (phone != null && (!phone.matches("[+0-9 ().-]{1,40}") || digits.length() < 3 || digits.length() > 20)) {
                errors.put("phone", "must be a phone number");
            }
            if (status != null && !STATUSES.contains(status)) {
                errors.put("status", "must be one of " + STATUSES);
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            return new Filter(email == null ? null : email.trim(), digits, status);
        }
    }

    /**
     * @param id the contact id
     * @param email email address
     * @param phone phone number (E.164)
     * @param firstName first name
     * @param lastName last name
     * @param status LEAD, CUSTOMER, CHURNED or OPTED_OUT
     * @param attributes other things providers said about the person, by name
     * @param optedOutAt when the person opted out of SMS
     * @param optOutKeyword the keyword they sent (STOP, ARRET, ...)
     * @param optedInAt when they last opted back in
     * @param createdAt when the contact was created
     * @param updatedAt when it last changed
     */
    record ContactView(String id, String email, String phone, String firstName, String lastName, String status,
            Map<String, Object> attributes, Instant optedOutAt, String optOutKeyword, Instant optedInAt, Instant createdAt,
            Instant updatedAt) {}

    /**
     * What an erasure removed.
     *
     * @param contactId the erased contact
     * @param messagesDeleted messages to the person, deleted
     * @param deliveriesPurged raw webhook payloads that mentioned the person, purged
     * @param recordsRedacted incidents, timeline entries and log entries where the person's data was replaced
     * @param paymentsUnlinked payments kept without the link to the person
     * @param subscriptionsUnlinked subscriptions kept without the link to the person
     * @param suppressionsKeptAsHash suppression entries kept only as a hash (the opt-out evidence)
     */
    record Erasure(String contactId, int messagesDeleted, int deliveriesPurged, int recordsRedacted, int paymentsUnlinked,
            int subscriptionsUnlinked, int suppressionsKeptAsHash) {}
}
