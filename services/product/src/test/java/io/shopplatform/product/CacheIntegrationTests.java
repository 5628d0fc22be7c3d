package io.shopplatform.product;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.product.category.CategoryTree;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ProductIntegrationTest
class CacheIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    CategoryTree categories;
    @Autowired
    MeterRegistry meters;

    Api api;
    long category;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        category = categories.create(null, Api.uniqueSlug(), "Cache", 0);
    }

    @Test
    void aSecondReadIsAnInProcessHit() {
        long id = api.createProduct(category, "7.00");
        api.get("/api/v1/products/" + id);
        double hits = gets("local", "hit");

        api.get("/api/v1/products/" + id);

        assertThat(gets("local", "hit")).isEqualTo(hits + 1);
    }

    @Test
    void aHundredConcurrentReadsOfAColdKeyQueryTheDatabaseOnce() throws Exception {
        long id = api.createProduct(category, "9.00");   // the writer's eviction leaves it in no layer
        double queries = dbReads();
        double loads = loads();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        List<Future<Api.Response>> reads = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            reads.add(pool.submit(() -> {
                go.await();
                return api.get("/api/v1/products/" + id);
            }));
        }

        go.countDown();
        for (Future<Api.Response> r : reads) {
            assertThat(r.get().<Double>json("$.price")).isEqualTo(9.0);
        }
        pool.shutdown();

        assertThat(loads()).isEqualTo(loads + 1);
        // The product was written just before: the one load also asks its standby how far it has replayed, and asks
        // again while the standby catches up, so a few reads, never one per request (a stampede would be 100).
        double read = dbReads() - queries;
        System.out.printf("STAMPEDE: 100 concurrent reads of a cold key: 1 load, %.0f database reads%n", read);
        assertThat(read).as("reads of the one load, with the read-your-writes check").isBetween(1.0, 10.0);
    }

    private double gets(String layer, String result) {
        return meters.get("shop.cache.gets").tags("cache", "product.v1", "layer", layer, "result", result)
                .counter().count();
    }

    private double loads() {
        return meters.get("shop.cache.loads").tags("cache", "product.v1").timer().count();
    }

    private double dbReads() {
        return meters.get("shop.db.queries").tags("kind", "read").timer().count();
    }
}
