package io.switchboard.connectors.facebook;

import com.google.gson.JsonObject;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.HttpCall;
import io.switchboard.connector.HttpResult;
import io.switchboard.connector.Interpretation;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Reads one lead from the Graph API with the page access token. The token travels in the
 * {@code Authorization} header only, never in the URL, so it cannot end up in access logs.
 */
final class GraphLeadClient {

    /** Asked for explicitly: without {@code fields}, Graph leaves out {@code ad_id} and {@code form_id}. */
    private static final String FIELDS = "id,created_time,ad_id,form_id,field_data";

    private GraphLeadClient() {}

    /** The result of a fetch: the lead, or what to do with the delivery instead. */
    sealed interface Outcome {
        /** Graph returned the lead. */
        record Found(GraphLead lead) implements Outcome {}

        /** Graph did not return it; the delivery is retried or failed as this says. */
        record NotFetched(Interpretation interpretation) implements Outcome {}
    }

    static Outcome fetch(ConnectorContext context, String graphApiVersion, String leadgenId, String pageAccessToken) {
        URI uri = URI.create(context.apiBaseUrl() + "/" + graphApiVersion + "/" + leadgenId + "?fields=" + FIELDS);
        HttpCall call = HttpCall.get(uri)
                .withHeader("Authorization", "Bearer " + pageAccessToken)
                .withHeader("Accept", "application/json");
        HttpResult result;
        try {
            result = context.http().send(call);
        } catch (IOException e) {
            return notFetched(Interpretation.retry("Graph API unreachable: " + e.getClass().getSimpleName()));
        } catch (SecurityException e) {
            return notFetched(Interpretation.fail("the platform refused the call to the Graph API host " + uri.getHost()));
        }
        if (result.isSuccess()) {
            Optional<GraphLead> lead = StrictJson.parseObject(result.body()).flatMap(GraphLead::fromJson);
            return lead.<Outcome>map(Outcome.Found::new).orElseGet(() -> notFetched(
                    Interpretation.retry("Graph API answered " + result.status() + " without a lead object")));
        }
        Optional<JsonObject> body = StrictJson.parseObject(result.body());
        return notFetched(GraphError.from(result.status(), body).toInterpretation(result, pageAccessToken));
    }

    private static Outcome notFetched(Interpretation interpretation) {
        return new Outcome.NotFetched(interpretation);
    }
}
