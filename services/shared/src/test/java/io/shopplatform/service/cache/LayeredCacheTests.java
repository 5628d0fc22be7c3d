package io.shopplatform.service.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class LayeredCacheTests {

    /** A remote layer in a map, which can be made to fail like an unreachable server. */
    static final class MapLayer implements RemoteLayer {
        final Layer layer;
        final Map<String, byte[]> entries = new ConcurrentHashMap<>();
        volatile boolean down;

        MapLayer(Layer layer) {
            this.layer = layer;
        }

        @Override
        public Layer layer() {
            return layer;
        }

        @Override
        public byte[] get(String key) {
            check();
            return entries.get(key);
        }

        @Override
        public void put(String key, byte[] value, Duration ttl) {
            check();
            entries.put(key, value);
        }

        @Override
        public void delete(String key) {
            check();
            entries.remove(key);
        }

        private void check() {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
        }
    }

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final MapLayer redis = new MapLayer(Layer.REDIS), memcached = new MapLayer(Layer.MEMCACHED);

    LayeredCache<String> cache(Set<Layer> disabled) {
        CacheLayers layers = new CacheLayers(new LocalLayer(DataSize.ofMegabytes(1), meters),
                List.of(new GuardedLayer(redis, Duration.ofSeconds(1), meters),
                        new GuardedLayer(memcached, Duration.ofSeconds(1), meters)),
                new ObjectMapper(), meters, disabled);
        return layers.cache(new CacheSpec("test", EnumSet.allOf(Layer.class), Duration.ofMinutes(1)), String.class);
    }

    @Test
    void aMissLoadsOnceAndFillsEveryLayer() {
        LayeredCache<String> cache = cache(Set.of());
        AtomicInteger loads = new AtomicInteger();

        cache.get("k", () -> "v" + loads.incrementAndGet());
        String second = cache.get("k", () -> "v" + loads.incrementAndGet());

        assertThat(second).isEqualTo("v1");
        assertThat(loads).hasValue(1);
        assertThat(redis.entries).containsKey("test:k");
        assertThat(memcached.entries).containsKey("test:k");
    }

    @Test
    void concurrentMissesOfOneKeyShareOneLoad() throws Exception {
        LayeredCache<String> cache = cache(Set.of());
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch loading = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<String>> reads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            reads.add(pool.submit(() -> cache.get("hot", () -> {
                loads.incrementAndGet();
                await(loading);
                return "value";
            })));
        }

        Thread.sleep(200);   // let every reader arrive while the first load is blocked
        loading.countDown();
        for (Future<String> r : reads) {
            assertThat(r.get()).isEqualTo("value");
        }
        pool.shutdown();

        assertThat(loads).hasValue(1);
    }

    @Test
    void aValueLoadedWhileItWasEvictedIsReturnedButNotCached() {
        LayeredCache<String> cache = cache(Set.of());

        String read = cache.get("k", () -> {
            cache.evict("k");   // an update committed while this read was at the database
            return "old";
        });

        assertThat(read).isEqualTo("old");
        assertThat(redis.entries).isEmpty();
        assertThat(cache.get("k", () -> "new")).isEqualTo("new");
    }

    @Test
    void aDeadLayerIsSkippedAndTheNextOneAnswers() {
        LayeredCache<String> cache = cache(Set.of(Layer.LOCAL));
        cache.get("k", () -> "v");
        redis.down = true;

        assertThat(cache.get("k", () -> "loaded again")).isEqualTo("v");
        assertThat(meters.get("shop.cache.errors").tag("layer", "redis").counter().count()).isPositive();
        assertThat(meters.get("shop.cache.gets").tags("layer", "memcached", "result", "hit").counter().count())
                .isEqualTo(1);
    }

    @Test
    void disabledLayersAreNeitherReadNorWritten() {
        LayeredCache<String> cache = cache(Set.of(Layer.LOCAL, Layer.REDIS));

        cache.get("k", () -> "v");

        assertThat(redis.entries).isEmpty();
        assertThat(memcached.entries).containsKey("test:k");
    }

    @Test
    void theHitRatioCountsReadsAnsweredByAnyLayer() {
        LayeredCache<String> cache = cache(Set.of());
        cache.get("k", () -> "v");
        cache.get("k", () -> "v");
        cache.get("k", () -> "v");
        cache.get("k", () -> "v");

        assertThat(meters.get("cache.hit.ratio").tag("cache", "test").gauge().value()).isEqualTo(0.75);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
