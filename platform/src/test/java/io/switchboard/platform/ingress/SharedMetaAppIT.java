package io.switchboard.platform.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** One operator-wide Meta app serves many tenants' pages: events are routed by page id. */
class SharedMetaAppIT extends PlatformIT {

    private static final String PAGE = "108523746190284";

    @Test
    void eventsAreStoredForTheTenantsOfTheirPage() throws Exception {
        String owner = onboard(uniqueSlug("pageowner"));
        String other = onboard(uniqueSlug("otherpage"));
        connect(owner, "facebook", Map.of("pageId", PAGE), Map.of("pageAccessToken", "owner-page-token"));
        connect(other, "facebook", Map.of("pageId", "555000111"), Map.of("pageAccessToken", "other-page-token"));
        byte[] twoLeads = fixture("meta/leadgen/webhook_leadgen_two_changes.json");
        byte[] otherPage = new String(fixture("meta/leadgen/webhook_leadgen_single.json"), StandardCharsets.UTF_8)
                .replace(PAGE, "555000111").getBytes(StandardCharsets.UTF_8);

        assertThat(post(twoLeads, sign(twoLeads, "operator-meta-app-secret")).status()).isEqualTo(200);
        assertThat(post(otherPage, sign(otherPage, "operator-meta-app-secret")).status()).isEqualTo(200);
        assertThat(post(twoLeads, sign(twoLeads, "a-tenant-app-secret")).status()).isEqualTo(400);

        assertThat(stored(owner)).containsExactlyInAnyOrder("7840306769899684", "9694752536249677");
        assertThat(stored(other)).containsExactly("6769383488552307");
        assertThat(inboxOnceMoved(owner)).containsExactlyInAnyOrder("7840306769899684", "9694752536249677");
        assertThat(inboxOnceMoved(other)).containsExactly("6769383488552307");
    }

    @Test
    void theHandshakeUsesTheOperatorsVerifyToken() {
        String base = "/webhooks/_shared/facebook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=";
        Response right = send(HttpRequest.newBuilder(URI.create(url(base + "operator-verify-token"))).GET());
        Response wrong = send(HttpRequest.newBuilder(URI.create(url(base + "atelier-lumiere-verify-7Qp2"))).GET());

        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("1158201444");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/webhooks/_shared/stripe"))).GET()).status()).isEqualTo(404);
    }

    private Response post(byte[] body, String signature) {
        return send(HttpRequest.newBuilder(URI.create(url("/webhooks/_shared/facebook")))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
