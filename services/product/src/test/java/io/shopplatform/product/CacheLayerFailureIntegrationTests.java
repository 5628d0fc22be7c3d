package io.shopplatform.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.service.cache.CacheProperties;
import io.shopplatform.service.testing.ThrowawayServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis and memcached of this test's own, killed with SIGKILL and started again: the service keeps answering
 * from the next layer or the database, says so in a metric and a log line, and uses the layers again once they
 * are back. L1 is switched off here so every read exercises the shared layers; the search engine is unreachable,
 * so searches fall back to PostgreSQL.
 */
@ProductIntegrationTest
@ActiveProfiles(CacheProperties.BENCHMARK_PROFILE)   // the lever that switches L1 off
@ExtendWith(OutputCaptureExtension.class)
class CacheLayerFailureIntegrationTests {

    static final ThrowawayServer redis = ThrowawayServer.redis();
    static final ThrowawayServer memcached = ThrowawayServer.memcached();

    @DynamicPropertySource
    static void throwawayServers(DynamicPropertyRegistry registry) {
        registry.add("shop.cache.redis.nodes", redis::address);
        registry.add("shop.cache.redis.password", () -> ThrowawayServer.PASSWORD);
        registry.add("shop.cache.memcached.servers", memcached::address);
        registry.add("shop.cache.memcached.user", () -> ThrowawayServer.USER);
        registry.add("shop.cache.memcached.password", () -> ThrowawayServer.PASSWORD);
        registry.add("shop.cache.probe-after", () -> "500ms");
        registry.add("shop.cache.disabled", () -> "LOCAL");
        registry.add("shop.search.url", () -> "http://127.0.0.1:9");   // discard port: nothing listens
        // Its own indexer group, or it would take a share of the real indexing it cannot do.
        registry.add("shop.search.indexer-group", () -> "product-search-indexer-" + UUID.randomUUID());
    }

    @AfterAll
    static void stopServers() {
        redis.close();
        memcached.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    CategoryTree categories;
    @Autowired
    MeterRegistry meters;

    @Test
    void readsFallThroughWhileCacheServersAreDownAndUseThemAgainWhenTheyReturn(CapturedOutput output) {
        Api api = new Api(port);
        long category = categories.create(null, Api.uniqueSlug(), "Failure", 0);
        long id = api.createProduct(category, "30.00");
        assertThat(price(api, id)).isEqualTo(30.0);   // loaded, now in Redis and memcached
        double redisHits = hits("redis");
        assertThat(price(api, id)).isEqualTo(30.0);
        assertThat(hits("redis")).isEqualTo(redisHits + 1);

        redis.kill();
        double memcachedHits = hits("memcached");
        assertThat(price(api, id)).isEqualTo(30.0);
        assertThat(hits("memcached")).isEqualTo(memcachedHits + 1);

        memcached.kill();
        for (int i = 0; i < 10; i++) {
            assertThat(price(api, id)).isEqualTo(30.0);
        }
        assertThat(api.put("/api/v1/products/" + id, Api.productJson(Api.uniqueSku(), "Still sold", category, "31.00"),
                Api.ADMIN).status()).isEqualTo(200);
        assertThat(price(api, id)).isEqualTo(31.0);
        assertThat(layerUp("redis")).isZero();
        assertThat(layerUp("memcached")).isZero();
        assertThat(meters.get("shop.cache.errors").tag("layer", "redis").counter().count()).isPositive();
        assertThat(output.getAll()).contains("cache layer redis is unavailable", "cache layer memcached is unavailable");

        redis.start();
        memcached.start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            double before = hits("redis");
            assertThat(price(api, id)).isEqualTo(31.0);
            assertThat(hits("redis")).isGreaterThan(before);
        });
        // Closed again once its probes succeed (two reads).
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(price(api, id)).isEqualTo(31.0);
            assertThat(layerUp("redis")).isOne();
        });
    }

    @Test
    void searchFallsBackToPostgresAndSaysSo() {
        Api api = new Api(port);
        long category = categories.create(null, Api.uniqueSlug(), "Fallback", 0);
        api.post("/api/v1/products", Api.productJson(Api.uniqueSku(), "Fallbackable teapot", category, "12.00"),
                Api.ADMIN);

        Api.Response r = api.get("/api/v1/search?q=fallbackable+teapot&category=" + category);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Search-Backend")).isEqualTo("postgresql");
        assertThat(r.<Integer>json("$.total")).isEqualTo(1);
    }

    private double hits(String layer) {
        return meters.get("shop.cache.gets").tags("cache", "product.v1", "layer", layer, "result", "hit")
                .counter().count();
    }

    private double layerUp(String layer) {
        return meters.get("shop.cache.layer.up").tag("layer", layer).gauge().value();
    }

    private static double price(Api api, long id) {
        Api.Response r = api.get("/api/v1/products/" + id);
        assertThat(r.status()).isEqualTo(200);
        return ((Number) r.json("$.price")).doubleValue();
    }
}
