package io.switchboard.platform.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses tokens of the embedded server whose credential was withdrawn after they were issued: a revoked API
 * client (the client's id is the token's audience and subject) or a disabled console user (the console's tokens
 * name the user {@code <tenant>/<email>} as their subject). Without it such tokens would work until they expire.
 * Answers are kept for a few seconds per credential, so a busy client costs one query per window, not one per
 * request; a revocation therefore takes effect on every node within that window.
 */
final class RevokedCredentialCheck implements OAuth2TokenValidator<Jwt> {

    /** How long an answer is trusted. */
    static final Duration WINDOW = Duration.ofSeconds(5);
    /** Past this many remembered credentials the memory is emptied rather than grown. */
    private static final int MAX_ENTRIES = 10_000;

    private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token's client was revoked or its user disabled", null);

    private final Predicate<String> activeClient;
    private final ActiveUser activeUser;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    RevokedCredentialCheck(Predicate<String> activeClient, ActiveUser activeUser, Clock clock) {
        this.activeClient = activeClient;
        this.activeUser = activeUser;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        List<String> audience = token.getAudience();
        String subject = token.getSubject();
        String client = audience == null || audience.isEmpty() ? subject : audience.get(0);
        if (client == null) {
            return OAuth2TokenValidatorResult.failure(REVOKED);
        }
        boolean active;
        if (ConsoleClient.CLIENT_ID.equals(client)) {
            String tenant = token.getClaimAsString("tenant");
            if (tenant == null || subject == null || !subject.startsWith(tenant + "/")) {
                return OAuth2TokenValidatorResult.failure(REVOKED);
            }
            String email = subject.substring(tenant.length() + 1);
            active = remembered("user:" + subject, () -> activeUser.isActive(tenant, email));
        } else {
            active = remembered("client:" + client, () -> activeClient.test(client));
        }
        return active ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(REVOKED);
    }

    private boolean remembered(String key, BooleanSupplier lookup) {
        Instant now = clock.instant();
        Answer answer = answers.get(key);
        if (answer != null && now.isBefore(answer.until())) {
            return answer.active();
        }
        if (answers.size() >= MAX_ENTRIES) {
            answers.clear();
        }
        boolean active = lookup.getAsBoolean();
        answers.put(key, new Answer(active, now.plus(WINDOW)));
        return active;
    }

    /** Whether a console user's account is still active. */
    @FunctionalInterface
    interface ActiveUser {
        boolean isActive(String tenant, String email);
    }

    private record Answer(boolean active, Instant until) {}
}
