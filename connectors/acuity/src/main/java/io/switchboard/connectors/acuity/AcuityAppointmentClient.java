package io.switchboard.connectors.acuity;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.HttpCall;
import io.switchboard.connector.HttpResult;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads an appointment with {@code GET {apiBaseUrl}/api/v1/appointments/{id}}, authenticated with HTTP Basic
 * (the tenant's user id and API key), through the context's HTTP client.
 */
final class AcuityAppointmentClient {

    private AcuityAppointmentClient() {}

    /** The appointment's URL under the operator's API base URL. */
    static URI appointmentUri(URI apiBaseUrl, long appointmentId) {
        String base = apiBaseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/api/v1/appointments/" + appointmentId);
    }

    /** Fetches the appointment and classifies the answer. Never throws for network or HTTP failures. */
    static AppointmentLookup fetch(long appointmentId, String userId, String apiKey, ConnectorContext context) {
        HttpCall call = HttpCall.get(appointmentUri(context.apiBaseUrl(), appointmentId))
                .withHeader("Accept", "application/json")
                .withBasicAuth(userId, apiKey);
        HttpResult result;
        try {
            result = context.http().send(call);
        } catch (IOException e) {
            return new AppointmentLookup.Unavailable(
                    "Acuity API unreachable: " + e.getClass().getSimpleName(), Duration.ZERO);
        } catch (SecurityException e) {
            return new AppointmentLookup.Unusable("the Acuity API base URL is not a host this connector may reach");
        }
        return classify(result);
    }

    private static AppointmentLookup classify(HttpResult result) {
        int status = result.status();
        if (result.isSuccess()) {
            return parse(result);
        }
        if (status == 404 || (status == 400 && mentionsNotFound(result))) {
            return new AppointmentLookup.NotFound();
        }
        if (status == 401 || status == 403) {
            return new AppointmentLookup.Refused(status);
        }
        if (result.isTransientFailure()) {
            return new AppointmentLookup.Unavailable(
                    "Acuity API answered HTTP " + status, result.retryAfter().orElse(Duration.ZERO));
        }
        return new AppointmentLookup.Unusable("Acuity API answered HTTP " + status);
    }

    private static AppointmentLookup parse(HttpResult result) {
        try {
            JsonElement root = JsonParser.parseString(result.bodyText());
            if (root.isJsonObject()) {
                return new AppointmentLookup.Found(root.getAsJsonObject());
            }
        } catch (JsonParseException e) {
            // falls through: a garbled 200 usually comes from a proxy in the way, and passes
        }
        return new AppointmentLookup.Unavailable("Acuity API answered 200 without an appointment object",
                Duration.ZERO);
    }

    // Acuity reports some unknown ids as 400 {"status_code":400,"error":"not_found",...}.
    private static boolean mentionsNotFound(HttpResult result) {
        return result.bodyText().toLowerCase(Locale.ROOT).contains("not_found");
    }
}
