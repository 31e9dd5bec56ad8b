package io.switchboard.platform.connectors;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Small variations of the shared provider fixtures (new ids, another event time) and the tenant rows the
 * connector tests need before a webhook arrives. Variations are made on the text, never by re-serialising the
 * JSON, so the bytes posted are exactly the bytes signed.
 */
final class ProviderFixtures {

    // The envelope renders id, object, api_version, created first: the first "created" is the event's own.
    private static final Pattern FIRST_CREATED = Pattern.compile("\"created\": \\d+");

    private ProviderFixtures() {}

    /** The fixture with each {@code from, to} pair replaced; fails when a {@code from} does not occur. */
    static byte[] variant(byte[] fixture, String... replacements) {
        String text = new String(fixture, StandardCharsets.UTF_8);
        for (int i = 0; i < replacements.length; i += 2) {
            if (!text.contains(replacements[i])) {
                throw new IllegalArgumentException("the fixture has no " + replacements[i]);
            }
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The Stripe event fixture with its envelope {@code created} set to the given epoch seconds. */
    static byte[] createdAt(byte[] event, long epochSeconds) {
        Matcher matcher = FIRST_CREATED.matcher(new String(event, StandardCharsets.UTF_8));
        if (!matcher.find()) {
            throw new IllegalArgumentException("the fixture has no created time");
        }
        return matcher.replaceFirst("\"created\": " + epochSeconds).getBytes(StandardCharsets.UTF_8);
    }

    /** The tenant's schema, as the platform derives it from the slug. */
    static String schema(String slug) {
        return "\"tenant_" + slug.replace('-', '_') + "\"";
    }

    /**
     * Creates an event in the tenant's schema linked to a Stripe payment link and/or an Acuity appointment
     * type (either may be null). Plain SQL: the events API is not part of these tests.
     */
    static long insertEvent(JdbcClient db, String slug, String name, String stripePaymentLinkId,
            String acuityAppointmentTypeId) {
        return db.sql("INSERT INTO " + schema(slug) + ".events (name, starts_at, stripe_payment_link_id,"
                        + " acuity_appointment_type_id) VALUES (?, now() + interval '30 days', ?, ?) RETURNING id")
                .params(name, stripePaymentLinkId, acuityAppointmentTypeId)
                .query(Long.class).single();
    }
}
