package io.switchboard.connectors.facebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lead as the Graph API returns it from {@code GET /{leadgen_id}}.
 *
 * @param id the lead's id
 * @param createdTime when the lead was submitted, ISO-8601 UTC, or empty when Graph did not say
 * @param adId the ad's id, or empty
 * @param formId the form's id, or empty
 * @param answers each form field's name with its values, in form order
 */
record GraphLead(String id, String createdTime, String adId, String formId, Map<String, List<String>> answers) {

    /** Graph renders times as {@code 2026-09-14T04:41:07+0000}, an offset ISO's own parser refuses. */
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    GraphLead {
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }

    /** Reads a Graph lead object, or empty when it has no {@code field_data} list. */
    static Optional<GraphLead> fromJson(JsonObject json) {
        JsonElement fieldData = json.get("field_data");
        if (fieldData == null || !fieldData.isJsonArray()) {
            return Optional.empty();
        }
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (JsonElement element : fieldData.getAsJsonArray()) {
            if (!element.isJsonObject()) {
                continue;
            }
            Optional<String> name = StrictJson.text(element.getAsJsonObject(), "name");
            if (name.isPresent()) {
                answers.put(name.get(), values(element.getAsJsonObject().get("values")));
            }
        }
        return Optional.of(new GraphLead(
                StrictJson.text(json, "id").orElse(""),
                StrictJson.text(json, "created_time").map(GraphLead::toIsoUtc).orElse(""),
                StrictJson.text(json, "ad_id").orElse(""),
                StrictJson.text(json, "form_id").orElse(""),
                answers));
    }

    /** The first non-blank value of a field, trimmed. */
    Optional<String> first(String field) {
        return answers.getOrDefault(field, List.of()).stream().map(String::trim).filter(v -> !v.isEmpty()).findFirst();
    }

    private static List<String> values(JsonElement values) {
        List<String> result = new ArrayList<>();
        if (values != null && values.isJsonArray()) {
            for (JsonElement value : values.getAsJsonArray()) {
                if (value.isJsonPrimitive()) {
                    result.add(value.getAsString());
                }
            }
        }
        return List.copyOf(result);
    }

    private static String toIsoUtc(String graphTime) {
        try {
            return OffsetDateTime.parse(graphTime, GRAPH_TIME).toInstant().toString();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(graphTime).toString();
            } catch (DateTimeParseException again) {
                return "";
            }
        }
    }
}
