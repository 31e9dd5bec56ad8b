package io.switchboard.connector.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Runs numbered calls on several threads released together, the way platform workers call a connector. */
final class ConcurrentCalls {

    private static final int THREADS = 8;
    private static final long TIME_LIMIT_SECONDS = 60;

    private ConcurrentCalls() {}

    /**
     * Runs {@code call(0)} to {@code call(count - 1)} concurrently and returns their results by number.
     *
     * @throws AssertionError when a call throws or the calls do not finish within a minute
     */
    static <T> List<T> run(int count, IntFunction<T> call) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int number = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.apply(number);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                results.add(futures.get(i).get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            throw new AssertionError("a concurrent call threw", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("concurrent calls did not finish within " + TIME_LIMIT_SECONDS + " s", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
