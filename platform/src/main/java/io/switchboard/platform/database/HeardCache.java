package io.switchboard.platform.database;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A cache of platform rows evicted by {@link CacheInvalidation} (ADR 14): a row found is kept for minutes while
 * changes are heard, a few seconds while they are not; a row not found is remembered a few seconds only; past
 * {@link #MAX_ENTRIES} the cache starts again rather than grow (lookups of made-up keys by the thousand).
 *
 * <p>A value loaded while an eviction happened is not kept: it may have been read before the change that evicted.
 */
public final class HeardCache<K, V> {

    static final Duration UNHEARD_TIME = Duration.ofSeconds(5);
    static final Duration HEARD_TIME = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 20_000;

    private final CacheInvalidation invalidation;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong evictions = new AtomicLong();

    public HeardCache(CacheInvalidation invalidation) {
        this.invalidation = invalidation;
    }

    /** The cached value for the key while fresh, else what the loader reads now. */
    public Optional<V> get(K key, Function<K, Optional<V>> loader) {
        Entry<V> entry = entries.get(key);
        if (entry != null && fresh(entry)) {
            return Optional.ofNullable(entry.value());
        }
        long before = evictions.get();
        Optional<V> value = loader.apply(key);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        if (evictions.get() == before) {
            entries.put(key, new Entry<>(value.orElse(null), Instant.now()));
        }
        return value;
    }

    public void evict(K key) {
        evictions.incrementAndGet();
        entries.remove(key);
    }

    /** Evicts the entries whose value matches. */
    public void evictIf(Predicate<V> matches) {
        evictions.incrementAndGet();
        entries.values().removeIf(e -> e.value() != null && matches.test(e.value()));
    }

    public void clear() {
        evictions.incrementAndGet();
        entries.clear();
    }

    private boolean fresh(Entry<V> entry) {
        Duration time = entry.value() != null && invalidation.live() ? HEARD_TIME : UNHEARD_TIME;
        return entry.at().plus(time).isAfter(Instant.now());
    }

    private record Entry<V>(V value, Instant at) {}
}
