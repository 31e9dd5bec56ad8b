package io.switchboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Realistic signed Stripe webhooks with unique event ids: the repository's {@code checkout.session.completed}
 * fixture (about 4 KB) whose ids, buyer e-mail and phone carry a number n unique in the whole run, signed as
 * Stripe signs ({@code v1} = HMAC-SHA256 of {@code "<t>.<body>"} with the tenant's webhook secret).
 */
final class SignedWebhooks {

    /** The fixture's Payment Link: tenants' events carry it, so a checkout marks an attendee PAID. */
    static final String PAYMENT_LINK = "plink_1TysIMRk2TqLm7Zd4GUXq7j2";

    private final String template;
    private final AtomicLong next = new AtomicLong(600_000_000L);

    SignedWebhooks(Path fixture) throws IOException {
        String body = Files.readString(fixture, StandardCharsets.UTF_8);
        this.template = body
                .replace("evt_1ToUHNRk2TqLm7ZdydeYpnGj", "evt_bench_{n}")
                .replace("cs_test_a1QldTgMalr0lMlleIqsXhCYfI3NkoALE6on6WMsrGUvS2Ttok5CWuKFYP", "cs_bench_{n}")
                .replace("pi_3TvBtxRk2TqLm7Zdd8I3Ouh8", "pi_bench_{n}")
                .replace("elodie.martin@example.fr", "buyer{n}@example.fr")
                .replace("\"phone\": null,\n        \"tax_exempt\"", "\"phone\": \"+33{n}\",\n        \"tax_exempt\"");
        if (!template.contains("+33{n}") || !template.contains("evt_bench_{n}")) {
            throw new IllegalStateException("the fixture changed: cannot make unique webhooks from it");
        }
    }

    /** The webhook secret the harness gives a tenant's Stripe connection. */
    static String secretOf(String slug) {
        return "whsec_bench_" + slug;
    }

    /** The body template, with {@code {n}} where the unique number goes. */
    String template() {
        return template;
    }

    /** The body of request n. */
    String body(long n) {
        return template.replace("{n}", Long.toString(n));
    }

    /** Reserves count unique numbers and returns the first. */
    long reserve(long count) {
        return next.getAndAdd(count);
    }

    /** One signed request: to which tenant, the header, the unique number. */
    record Signed(String slug, String signature, long n) {}

    /** Signs count new webhooks spread round-robin over the tenants, timestamped now. */
    List<Signed> sign(List<String> slugs, int count) {
        long first = reserve(count);
        long t = System.currentTimeMillis() / 1000;
        List<Signed> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String slug = slugs.get(i % slugs.size());
            long n = first + i;
            out.add(new Signed(slug, "t=" + t + ",v1=" + hmac(secretOf(slug), t + "." + body(n)), n));
        }
        return out;
    }

    /** Writes the requests in the wrk script's format, and the template beside them. */
    void writeForWrk(List<Signed> requests, Path requestsFile, Path templateFile) {
        try {
            Files.writeString(templateFile, template, StandardCharsets.UTF_8);
            try (Writer out = Files.newBufferedWriter(requestsFile, StandardCharsets.UTF_8)) {
                for (Signed s : requests) {
                    out.write(s.slug() + "\t" + s.signature() + "\t" + s.n() + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
