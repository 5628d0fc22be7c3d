package io.shopplatform.service.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shopplatform.service.metrics.RollingRatio;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The meters of one cache: hits and misses per layer ({@code shop_cache_gets_total}), loads from the source,
 * and {@code cache_hit_ratio}, the share of reads in the last minute that a cache layer answered (the product
 * service's autoscaler scales on it).
 */
final class CacheMetrics {

    private final Map<Layer, Counter> hits = new EnumMap<>(Layer.class);
    private final Map<Layer, Counter> misses = new EnumMap<>(Layer.class);
    private final Counter coalesced;
    private final Timer loads;
    private final RollingRatio hitRatio = new RollingRatio();

    CacheMetrics(String cache, MeterRegistry meters) {
        for (Layer layer : Layer.values()) {
            hits.put(layer, gets(cache, layer, "hit", meters));
            misses.put(layer, gets(cache, layer, "miss", meters));
        }
        coalesced = Counter.builder("shop.cache.coalesced").tag("cache", cache)
                .description("reads that waited for another read's load of the same key").register(meters);
        loads = Timer.builder("shop.cache.loads").tag("cache", cache)
                .description("reads that went to the source of truth").register(meters);
        Gauge.builder("cache.hit.ratio", hitRatio, RollingRatio::ratio).tag("cache", cache)
                .description("share of reads answered by a cache layer over the last minute").register(meters);
    }

    void lookup(Layer layer, boolean hit) {
        (hit ? hits : misses).get(layer).increment();
        if (hit) {
            hitRatio.record(true);
        }
    }

    void coalesced() {
        coalesced.increment();
    }

    <V> V load(Supplier<V> loader) {
        hitRatio.record(false);
        return loads.record(loader);
    }

    private static Counter gets(String cache, Layer layer, String result, MeterRegistry meters) {
        return Counter.builder("shop.cache.gets").tag("cache", cache).tag("layer", layer.tag()).tag("result", result)
                .description("lookups per cache layer").register(meters);
    }
}
