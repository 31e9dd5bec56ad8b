package io.switchboard.connector.testkit;

import io.switchboard.connector.ConnectorHttpClient;
import io.switchboard.connector.HttpCall;
import io.switchboard.connector.HttpResult;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every call made through it, then passes it on. */
public final class RecordingHttpClient implements ConnectorHttpClient {

    private final ConnectorHttpClient delegate;
    private final List<HttpCall> calls = new CopyOnWriteArrayList<>();

    public RecordingHttpClient(ConnectorHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public HttpResult send(HttpCall call) throws IOException {
        calls.add(call);
        return delegate.send(call);
    }

    /** The calls made so far, in order. */
    public List<HttpCall> calls() {
        return List.copyOf(calls);
    }
}
