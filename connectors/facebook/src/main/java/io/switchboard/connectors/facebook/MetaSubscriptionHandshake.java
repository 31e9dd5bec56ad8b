package io.switchboard.connectors.facebook;

import io.switchboard.connector.HandshakeResponse;
import io.switchboard.connector.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Answers Meta's subscription check: a GET with {@code hub.mode=subscribe}, {@code hub.verify_token} and
 * {@code hub.challenge}, to be answered with the bare challenge when the token is the one the tenant chose.
 */
final class MetaSubscriptionHandshake {

    /** Meta sends a short number; anything far longer is not a genuine challenge. */
    private static final int MAX_CHALLENGE_LENGTH = 256;

    private MetaSubscriptionHandshake() {}

    static HandshakeResponse answer(InboundRequest request, Optional<String> verifyToken) {
        boolean subscribe = request.queryParam("hub.mode").filter("subscribe"::equals).isPresent();
        Optional<String> given = request.queryParam("hub.verify_token");
        if (!subscribe || verifyToken.isEmpty() || given.isEmpty() || !constantTimeEquals(verifyToken.get(), given.get())) {
            return HandshakeResponse.forbidden();
        }
        Optional<String> challenge = request.queryParam("hub.challenge").filter(c -> !c.isBlank());
        if (challenge.isEmpty() || challenge.get().length() > MAX_CHALLENGE_LENGTH) {
            return new HandshakeResponse(400, "text/plain", "hub.challenge missing or invalid");
        }
        return HandshakeResponse.ok(challenge.get());
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
