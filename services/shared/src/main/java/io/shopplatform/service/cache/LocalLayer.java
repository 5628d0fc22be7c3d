package io.shopplatform.service.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * L1: one Caffeine cache per process, bounded by the approximate size of what it holds (the platform's
 * per-service application cache), shared by every {@link LayeredCache} so hot data of any kind wins the space.
 */
final class LocalLayer {

    /** A value with what it costs to keep and how long it may be kept. */
    record Entry(Object value, int weight, Duration ttl) {}

    /** Object headers and references around the serialized size, roughly. */
    private static final int OVERHEAD = 64;

    private final Cache<String, Entry> entries;

    LocalLayer(DataSize capacity, MeterRegistry meters) {
        this.entries = Caffeine.newBuilder()
                .maximumWeight(capacity.toBytes())
                .weigher((String key, Entry e) -> e.weight())
                .expireAfter(Expiry.<String, Entry>writing((key, e) -> e.ttl()))
                .build();
        Gauge.builder("shop.cache.local.size", entries, Cache::estimatedSize)
                .description("entries in the in-process cache").register(meters);
    }

    Object get(String key) {
        Entry e = entries.getIfPresent(key);
        return e == null ? null : e.value();
    }

    void put(String key, Object value, int serializedSize, Duration ttl) {
        entries.put(key, new Entry(value, serializedSize * 2 + key.length() * 2 + OVERHEAD, ttl));
    }

    void evict(String key) {
        entries.invalidate(key);
    }
}
