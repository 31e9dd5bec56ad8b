package io.switchboard.connectors.facebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.switchboard.connector.Acknowledgement;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.Verification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Splits a verified {@code object=page} webhook body into one {@link ReceivedEvent} per change, because Meta
 * batches several entries and several changes in one POST and each must be deduplicated on its own.
 *
 * <p>Each event's payload is {@code {"entry_id":..., "entry_time":..., "field":..., "value":{...}}}: the
 * change's value as Meta sent it plus the entry it came from ({@link LeadgenNotification} reads it back).
 */
final class PageWebhookParser {

    static final String LEADGEN = "leadgen";
    private static final int MAX_FIELD_LENGTH_IN_KEY = 64;
    /** Epoch values above this are milliseconds, not seconds (seconds reach it in the year 5138). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private PageWebhookParser() {}

    /** The events of a body whose signature has already been checked, or why it cannot be used. */
    static Verification parse(byte[] body, Clock clock) {
        Optional<JsonObject> root = StrictJson.parseObject(body);
        if (root.isEmpty()) {
            return Verification.rejected("body is not a JSON object");
        }
        if (!StrictJson.text(root.get(), "object").filter("page"::equals).isPresent()) {
            return Verification.rejected("object is not page");
        }
        JsonElement entries = root.get().get("entry");
        if (entries == null || !entries.isJsonArray() || entries.getAsJsonArray().isEmpty()) {
            return Verification.rejected("no entries");
        }
        Map<String, ReceivedEvent> events = new LinkedHashMap<>();
        for (JsonElement entryElement : entries.getAsJsonArray()) {
            if (!entryElement.isJsonObject()) {
                return Verification.rejected("an entry is not an object");
            }
            JsonObject entry = entryElement.getAsJsonObject();
            Optional<String> entryId = StrictJson.text(entry, "id");
            if (entryId.isEmpty()) {
                return Verification.rejected("an entry has no id");
            }
            Instant entryTime = StrictJson.number(entry, "time").map(PageWebhookParser::epoch).orElse(clock.instant());
            JsonElement changes = entry.get("changes");
            if (changes == null || !changes.isJsonArray()) {
                // Page webhooks for other products (Messenger's "messaging") have no changes: nothing for us.
                continue;
            }
            for (JsonElement changeElement : changes.getAsJsonArray()) {
                Optional<String> problem = addChange(changeElement, entryId.get(), entry, entryTime, events);
                if (problem.isPresent()) {
                    return Verification.rejected(problem.get());
                }
            }
        }
        if (events.isEmpty()) {
            return Verification.rejected("no changes in any entry");
        }
        return new Verification.Verified(new ArrayList<>(events.values()), Acknowledgement.ok());
    }

    private static Optional<String> addChange(
            JsonElement changeElement, String entryId, JsonObject entry, Instant entryTime,
            Map<String, ReceivedEvent> events) {
        if (!changeElement.isJsonObject()) {
            return Optional.of("a change is not an object");
        }
        JsonObject change = changeElement.getAsJsonObject();
        Optional<String> field = StrictJson.text(change, "field");
        if (field.isEmpty()) {
            return Optional.of("a change has no field");
        }
        JsonElement value = change.get("value");
        byte[] payload = payload(entryId, entry, field.get(), value);
        if (LEADGEN.equals(field.get())) {
            if (value == null || !value.isJsonObject()) {
                return Optional.of("a leadgen change has no value object");
            }
            Optional<String> leadgenId = StrictJson.text(value.getAsJsonObject(), "leadgen_id")
                    .filter(LeadgenNotification::isGraphId);
            if (leadgenId.isEmpty()) {
                return Optional.of("a leadgen change has no valid leadgen_id");
            }
            Instant occurredAt = StrictJson.number(value.getAsJsonObject(), "created_time")
                    .map(PageWebhookParser::epoch)
                    .orElse(entryTime);
            events.putIfAbsent(leadgenId.get(), new ReceivedEvent(leadgenId.get(), LEADGEN, occurredAt, payload));
        } else {
            String key = truncate(field.get()) + ":" + sha256Hex(entryId + "\n" + change);
            events.putIfAbsent(key, new ReceivedEvent(key, field.get(), entryTime, payload));
        }
        return Optional.empty();
    }

    /** The entry (page) id of a stored event payload, if it is one this parser wrote. */
    static Optional<String> entryId(byte[] payload) {
        return StrictJson.parseObject(payload).flatMap(stored -> StrictJson.text(stored, "entry_id")).filter(id -> !id.isEmpty());
    }

    private static byte[] payload(String entryId, JsonObject entry, String field, JsonElement value) {
        JsonObject stored = new JsonObject();
        stored.addProperty("entry_id", entryId);
        if (entry.has("time")) {
            stored.add("entry_time", entry.get("time"));
        }
        stored.addProperty("field", field);
        if (value != null) {
            stored.add("value", value);
        }
        return stored.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Instant epoch(long value) {
        return value > MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }

    private static String truncate(String field) {
        return field.length() <= MAX_FIELD_LENGTH_IN_KEY ? field : field.substring(0, MAX_FIELD_LENGTH_IN_KEY);
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
