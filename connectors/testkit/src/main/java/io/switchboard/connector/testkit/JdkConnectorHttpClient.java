package io.switchboard.connector.testkit;

import io.switchboard.connector.ConnectorHttpClient;
import io.switchboard.connector.HttpCall;
import io.switchboard.connector.HttpResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain {@link ConnectorHttpClient} over the JDK's client, without the platform's host restrictions. */
public final class JdkConnectorHttpClient implements ConnectorHttpClient {

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(HttpCall.DEFAULT_TIMEOUT)
            .build();

    @Override
    public HttpResult send(HttpCall call) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri())
                .timeout(call.timeout())
                .method(call.method(), call.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new HttpResult(response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
