package io.switchboard.platform.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the console does in the browser to sign a user in, done with plain HTTP: the authorization code flow
 * with PKCE against the embedded authorization server, through the sign-in form. One instance is one browser
 * (it keeps the session cookie).
 */
final class ConsoleSignIn {

    static final String CLIENT_ID = "switchboard-console";

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String verifier = random();
    private final String state = random();

    /** A browser on the loopback address, which the console client accepts at any port. */
    ConsoleSignIn(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String redirectUri() {
        return base + "/console/callback";
    }

    /** The authorization request the console sends, with the PKCE challenge unless told otherwise. */
    Response authorize(boolean withPkce) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", CLIENT_ID);
        query.put("redirect_uri", redirectUri());
        query.put("scope", "api:read api:write");
        query.put("state", state);
        if (withPkce) {
            query.put("code_challenge", challenge(verifier));
            query.put("code_challenge_method", "S256");
        }
        return get("/oauth2/authorize?" + form(query));
    }

    /** Fills in and posts the sign-in form; the response is the redirect that follows. */
    Response submitSignIn(String tenant, String email, String password) {
        Response page = get("/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token on the sign-in page: " + page.body());
        }
        return post("/login", Map.of("tenant", tenant, "email", email, "password", password, "_csrf", csrf.group(1)));
    }

    /** Follows redirects on this platform until one leaves it (or none is left). */
    Response follow(Response response) {
        Response current = response;
        for (int i = 0; i < 5 && current.location() != null && current.location().startsWith(base)
                && !current.location().startsWith(redirectUri()); i++) {
            current = get(current.location().substring(base.length()));
        }
        return current;
    }

    /** Signs in from scratch and returns the code the console's callback receives. */
    String code(String tenant, String email, String password) {
        Response toLogin = authorize(true);
        Response back = follow(submitSignIn(tenant, email, password));
        if (toLogin.status() != 302 || back.location() == null || !back.location().startsWith(redirectUri())) {
            throw new AssertionError("sign-in did not come back to the console: " + toLogin + " then " + back);
        }
        return query(back.location()).get("code");
    }

    /** Exchanges a code as the console does: public client, the PKCE verifier instead of a secret. */
    Response token(String code) {
        return post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri(),
                "client_id", CLIENT_ID, "code_verifier", verifier));
    }

    String state() {
        return state;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
    }

    Response post(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = response.headers().firstValue("Location")
                    .map(l -> l.startsWith("/") ? base + l : l).orElse(null);
            return new Response(response.statusCode(), location, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String url) {
        String query = URI.create(url).getRawQuery();
        Map<String, String> values = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                values.put(eq < 0 ? pair : pair.substring(0, eq),
                        eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A response as the browser sees it.
     *
     * @param status the status code
     * @param location the absolute Location header, or null
     * @param body the body text
     */
    record Response(int status, String location, String body) {}
}
