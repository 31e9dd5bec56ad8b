package io.switchboard.connectors.facebook;

import io.switchboard.connector.Interpretation;
import io.switchboard.connector.PhoneNumbers;
import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.CreateLead;
import io.switchboard.connector.command.LogIncident;
import io.switchboard.connector.command.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a Graph lead into a {@link CreateLead}: Meta's standard questions become the contact, and every answer
 * (custom questions included) is kept as lead data. A lead that names no reachable person becomes an incident.
 */
final class LeadFormMapper {

    static final String SOURCE = "facebook";
    static final String INCIDENT_NO_CONTACT = "facebook.lead_without_contact";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private LeadFormMapper() {}

    /**
     * @param defaultCallingCode the calling code for phone numbers entered without one, or empty
     * @param occurredAt when the lead was created, from the webhook
     */
    static Interpretation map(GraphLead lead, LeadgenNotification notification, String defaultCallingCode, Instant occurredAt) {
        String email = lead.first("email").or(() -> lead.first("work_email")).filter(e -> EMAIL.matcher(e).matches()).orElse("");
        String phone = lead.first("phone_number").or(() -> lead.first("work_phone_number"))
                .flatMap(raw -> PhoneNumbers.toE164(raw, defaultCallingCode))
                .orElse("");
        Map<String, Object> leadData = leadData(lead, notification, occurredAt);
        if (email.isEmpty() && phone.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("leadgen_id", notification.leadgenId());
            details.put("form_id", leadData.get("form_id"));
            details.put("page_id", notification.pageId());
            details.put("questions", new ArrayList<>(lead.answers().keySet()));
            return Interpretation.apply(new LogIncident(INCIDENT_NO_CONTACT, Severity.WARNING,
                    "Facebook lead " + notification.leadgenId()
                            + " has neither a valid email nor a valid phone number, so no contact was created.",
                    details));
        }
        return Interpretation.apply(new CreateLead(
                new ContactRef(email, phone), names(lead), SOURCE, notification.leadgenId(), leadData, occurredAt));
    }

    private static ContactDetails names(GraphLead lead) {
        Optional<String> first = lead.first("first_name");
        Optional<String> last = lead.first("last_name");
        if (first.isPresent() || last.isPresent()) {
            return ContactDetails.name(first.orElse(""), last.orElse(""));
        }
        // Meta's full_name is one free-text answer; the first word as given name is the least surprising split.
        String[] parts = lead.first("full_name").orElse("").split("\\s+", 2);
        return ContactDetails.name(parts[0], parts.length > 1 ? parts[1] : "");
    }

    private static Map<String, Object> leadData(GraphLead lead, LeadgenNotification notification, Instant occurredAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        lead.answers().forEach((question, values) -> data.put(question, values.size() == 1 ? values.get(0) : List.copyOf(values)));
        data.put("form_id", lead.formId().isEmpty() ? notification.formId() : lead.formId());
        data.put("ad_id", lead.adId().isEmpty() ? notification.adId() : lead.adId());
        data.put("page_id", notification.pageId());
        data.put("created_time", lead.createdTime().isEmpty() ? occurredAt.toString() : lead.createdTime());
        return data;
    }
}
