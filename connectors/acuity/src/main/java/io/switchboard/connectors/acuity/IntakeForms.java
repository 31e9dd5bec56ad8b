package io.switchboard.connectors.acuity;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The intake form answers of an appointment ({@code forms[].values[]}), kept with their form and field names
 * and ids.
 */
final class IntakeForms {

    /** One answer. */
    record Answer(String fieldId, String name, String value) {}

    private final List<Map<String, Object>> forms;
    private final List<Answer> answers;

    private IntakeForms(List<Map<String, Object>> forms, List<Answer> answers) {
        this.forms = forms;
        this.answers = answers;
    }

    /** Reads the {@code forms} array of an appointment; absent or malformed parts are skipped. */
    static IntakeForms of(JsonObject appointment) {
        List<Map<String, Object>> forms = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        for (JsonObject form : objects(appointment.get("forms"))) {
            List<Map<String, Object>> values = new ArrayList<>();
            for (JsonObject field : objects(form.get("values"))) {
                Answer answer = new Answer(
                        AppointmentJson.text(field, "fieldID"),
                        AppointmentJson.text(field, "name"),
                        AppointmentJson.text(field, "value"));
                answers.add(answer);
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("fieldID", idValue(field.get("fieldID")));
                value.put("name", answer.name());
                value.put("value", answer.value());
                values.add(Collections.unmodifiableMap(value));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", idValue(form.get("id")));
            entry.put("name", AppointmentJson.text(form, "name"));
            entry.put("values", List.copyOf(values));
            forms.add(Collections.unmodifiableMap(entry));
        }
        return new IntakeForms(List.copyOf(forms), List.copyOf(answers));
    }

    /**
     * The value of the {@code intake_data} column:
     * {@code {"forms": [{id, name, values: [{fieldID, name, value}]}]}}.
     */
    Map<String, Object> intakeData() {
        return Map.of("forms", forms);
    }

    /**
     * The answer to the field a tenant named in its field mapping: by field name (trimmed, case-insensitive)
     * or by field id. The first form that has it wins.
     */
    Optional<String> answer(String fieldNameOrId) {
        String wanted = fieldNameOrId.trim().toLowerCase(Locale.ROOT);
        for (Answer answer : answers) {
            if (answer.name().trim().toLowerCase(Locale.ROOT).equals(wanted) || answer.fieldId().equals(wanted)) {
                return Optional.of(answer.value());
            }
        }
        return Optional.empty();
    }

    private static List<JsonObject> objects(JsonElement element) {
        List<JsonObject> result = new ArrayList<>();
        if (element instanceof JsonArray array) {
            for (JsonElement item : array) {
                if (item.isJsonObject()) {
                    result.add(item.getAsJsonObject());
                }
            }
        }
        return result;
    }

    // Ids are numbers in Acuity's JSON; keep them numbers in intake_data so they compare as Acuity's do.
    private static Object idValue(JsonElement element) {
        if (element instanceof JsonPrimitive primitive) {
            if (primitive.isNumber()) {
                try {
                    return Long.parseLong(primitive.getAsString());
                } catch (NumberFormatException e) {
                    return primitive.getAsString();
                }
            }
            return primitive.getAsString();
        }
        return "";
    }
}
