package io.switchboard.connectors.facebook;

import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code leadgen} change as stored by {@link PageWebhookParser}: which lead to fetch and where it came from.
 * The webhook carries ids only; the answers come from the Graph API.
 *
 * @param entryId the webhook entry's id (the page)
 * @param pageId the page the lead form belongs to
 * @param leadgenId the lead's Graph id
 * @param formId the lead form's id, or empty
 * @param adId the ad's id, or empty for leads that came from no ad
 */
record LeadgenNotification(String entryId, String pageId, String leadgenId, String formId, String adId) {

    /** Graph object ids are decimal numbers; checking keeps anything else out of the request path. */
    private static final Pattern GRAPH_ID = Pattern.compile("[0-9]{1,40}");

    static boolean isGraphId(String value) {
        return GRAPH_ID.matcher(value).matches();
    }

    /** Reads a stored payload back, or empty when it is not one {@link PageWebhookParser} wrote. */
    static Optional<LeadgenNotification> fromPayload(byte[] payload) {
        Optional<JsonObject> stored = StrictJson.parseObject(payload);
        Optional<JsonObject> value = stored.flatMap(s -> StrictJson.object(s, "value"));
        Optional<String> leadgenId = value.flatMap(v -> StrictJson.text(v, "leadgen_id")).filter(LeadgenNotification::isGraphId);
        if (leadgenId.isEmpty()) {
            return Optional.empty();
        }
        String entryId = StrictJson.text(stored.get(), "entry_id").orElse("");
        JsonObject v = value.get();
        return Optional.of(new LeadgenNotification(
                entryId,
                StrictJson.text(v, "page_id").orElse(entryId),
                leadgenId.get(),
                StrictJson.text(v, "form_id").orElse(""),
                StrictJson.text(v, "ad_id").or(() -> StrictJson.text(v, "adgroup_id")).orElse("")));
    }
}
