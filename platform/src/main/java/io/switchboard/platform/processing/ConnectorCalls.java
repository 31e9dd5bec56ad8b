package io.switchboard.platform.processing;

import io.switchboard.platform.config.SwitchboardProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs connector code with a time limit, on its own threads, so a plugin that hangs costs one bounded call
 * and never a stuck worker.
 */
@Component
public class ConnectorCalls implements DisposableBean {

    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "connector-call");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration timeout;

    public ConnectorCalls(SwitchboardProperties properties) {
        this.timeout = properties.processing().connectorTimeout();
    }

    /**
     * Runs the call and returns its result.
     *
     * @throws ConnectorCallException when it throws, hangs past the limit, or fails to link
     */
    public <T> T call(String what, Callable<T> call) {
        // The call runs on another thread: carry the caller's log context (tenant, delivery) over, so the
        // lines a connector writes through its context's logger say whose call they belong to.
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Future<T> future = executor.submit(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                return call.call();
            } finally {
                MDC.clear();
            }
        });
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ConnectorCallException(what + " took longer than " + readable(timeout), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new ConnectorCallException(what + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ConnectorCallException(what + " was interrupted", e);
        }
    }

    private static String readable(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** A connector call that did not return normally. */
    public static final class ConnectorCallException extends RuntimeException {
        ConnectorCallException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
