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
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.TimeUnit;
import static org.awaitility.Awaitility.await;
import org.springframework.util.unit.DataSize;

class LayeredCacheTests {

    /** A remote layer in a map, which can be made to fail like an unreachable server. */
    static final class MapLayer implements RemoteLayer {
        static final List<String> deletes = new java.util.concurrent.CopyOnWriteArrayList<>();
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
            deletes.add(layer.tag());
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
        CountDownLatch loaderEntered = new CountDownLatch(1), release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        Future<String> first = pool.submit(() -> cache.get("hot", () -> {
            loads.incrementAndGet();
            loaderEntered.countDown();
            awaitQuietly(release);
            return "value";
        }));
        assertThat(loaderEntered.await(10, TimeUnit.SECONDS)).as("the first read entered the loader").isTrue();
        List<Future<String>> others = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            others.add(pool.submit(() -> cache.get("hot", () -> "loaded again: " + loads.incrementAndGet())));
        }

        // Every other reader is now waiting on the running load: proved by the coalesced counter, not by a sleep.
        Counter coalesced = meters.get("shop.cache.coalesced").tag("cache", "test").counter();
        await().atMost(Duration.ofSeconds(10)).until(() -> coalesced.count() == 49);
        release.countDown();

        assertThat(first.get()).isEqualTo("value");
        for (Future<String> r : others) {
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

    record Item(String name) {}

    /** A rolling deploy: the newer release caches one more field; the older one must still read the entry. */
    @Test
    void anEntryWithAFieldThisReleaseDoesNotKnowIsStillAHit() {
        CacheLayers layers = new CacheLayers(new LocalLayer(DataSize.ofMegabytes(1), meters),
                List.of(new GuardedLayer(redis, Duration.ofSeconds(1), meters)), new ObjectMapper(), meters, Set.of());
        LayeredCache<Item> cache = layers.cache(new CacheSpec("items", EnumSet.of(Layer.REDIS), Duration.ofMinutes(1)),
                Item.class);
        redis.entries.put("items:k", "{\"name\": \"kettle\", \"addedLater\": 1}".getBytes());

        assertThat(cache.get("k", () -> new Item("loaded"))).isEqualTo(new Item("kettle"));
    }

    /** Top-down, a read between the Redis and the memcached delete copied memcached's old value back into Redis. */
    @Test
    void anEvictionDeletesBottomUp() {
        LayeredCache<String> cache = cache(Set.of());
        cache.get("k", () -> "v");
        MapLayer.deletes.clear();

        cache.evict("k");

        assertThat(MapLayer.deletes).containsExactly("memcached", "redis");
        assertThat(cache.get("k", () -> "new")).as("L1 was evicted last").isEqualTo("new");
    }

    /** Before, an eviction Redis missed while unreachable was dropped: the old value came back with Redis. */
    @Test
    void anEvictionALayerMissedIsReplayedWhenItAnswersAgain() {
        LayeredCache<String> cache = cache(Set.of(Layer.LOCAL));
        cache.get("k", () -> "old");
        redis.down = true;

        cache.evict("k");
        assertThat(redis.entries).as("missed while down").containsKey("test:k");
        redis.down = false;

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            cache.get("other", () -> "x");   // any call that reaches Redis again
            return !redis.entries.containsKey("test:k");
        });
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

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
