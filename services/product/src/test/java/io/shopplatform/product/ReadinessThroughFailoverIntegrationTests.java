package io.shopplatform.product;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.local.database.ThrowawayCluster;
import io.shopplatform.model.Shop;
import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.service.testing.DataTierInitializer;
import io.shopplatform.service.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The product service while PostgreSQL fails over: on a throwaway data tier of its own (the cluster's rendered
 * entry points), the primary is lost as a machine would be. Readiness does not include the database (every pod shares
 * it, so including it would take every pod of every service out of rotation at once): the pod stays ready, product
 * reads keep answering, and writes come back once a standby is promoted. Figures are printed ("READINESS: ...").
 */
class ReadinessThroughFailoverIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Sample(long at, int status) {}

    @Test
    void theServiceStaysReadyAndKeepsAnsweringWhileThePrimaryFailsOver() throws Exception {
        try (ThrowawayCluster cluster = ThrowawayCluster.start();
             ConfigurableApplicationContext app = new SpringApplicationBuilder(ProductApplication.class)
                     .initializers(new DataTierInitializer(), new TestTokens.Initializer())
                     .properties("server.port=0", "management.server.port=0",
                             "SHOP_DB_URL=" + cluster.poolUrl(), "SHOP_DB_USER=shop_" + Shop.PRODUCT,
                             "SHOP_DB_PASSWORD=" + cluster.database().logins().role(Shop.PRODUCT))
                     .run()) {
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            int management = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.management.port"));
            Api api = new Api(port);
            long category = app.getBean(CategoryTree.class).create(null, Api.uniqueSlug(), "Failover", 0);
            long product = api.createProduct(category, "10.00");

            List<Sample> reads = new CopyOnWriteArrayList<>(), readiness = new CopyOnWriteArrayList<>(),
                    database = new CopyOnWriteArrayList<>();
            AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
            Thread poller = new Thread(() -> {
                while (System.nanoTime() < stopAt.get()) {
                    reads.add(sample("http://127.0.0.1:" + port + "/api/v1/products/" + product));
                    readiness.add(sample("http://127.0.0.1:" + management + "/actuator/health/readiness"));
                    database.add(sample("http://127.0.0.1:" + management + "/actuator/health/db"));
                }
            }, "readiness-poller");
            poller.start();

            long killed = System.nanoTime();
            cluster.database().kill(cluster.database().primary());
            long written = 0;
            for (int attempt = 1; written == 0; attempt++) {
                int status = status(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/products/" + product))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + Api.ADMIN)
                        .PUT(HttpRequest.BodyPublishers.ofString(Api.productJson(Api.uniqueSku(), "Failed over", category,
                                Integer.toString(10 + attempt)))).build());
                if (status == 200) {
                    written = System.nanoTime();
                }
                assertThat(seconds(killed, System.nanoTime())).as("seconds without a successful write").isLessThan(180);
            }
            stopAt.set(written + Duration.ofSeconds(5).toNanos());   // a few more samples once writes are back
            poller.join();

            List<Sample> afterKill = readiness.stream().filter(s -> s.at() >= killed).toList();
            long dbDown = database.stream().filter(s -> s.at() >= killed && s.status() == 503).count();
            long readsFailed = reads.stream().filter(s -> s.at() >= killed && s.status() != 200).count();
            System.out.printf("READINESS: primary killed; first write through the service %.1f s after (the model's "
                            + "detection target %d s); readiness UP in %d of %d samples (the rest unanswered within 5 s); product reads answered in %d of "
                            + "%d; the database health check said DOWN (503) in %d samples%n", seconds(killed, written),
                    Shop.PLATFORM.database().failoverDetection().toSeconds(),
                    afterKill.stream().filter(s -> s.status() == 200).count(), afterKill.size(),
                    reads.stream().filter(s -> s.at() >= killed).count() - readsFailed,
                    reads.stream().filter(s -> s.at() >= killed).count(), dbDown);
            // The service must never call itself unready because the database fails over (the data tier heals
            // itself; taking every pod out of the Service would turn a 1 s failover into an outage). A probe that
            // got no answer within its timeout (status -1) is the machine being slow, not the service's verdict:
            // it is counted above, not failed on.
            assertThat(afterKill).as("readiness samples during the failover").anyMatch(s -> s.status() == 200)
                    .allMatch(s -> s.status() == 200 || s.status() == -1);
            assertThat(readsFailed).as("product reads that failed during the failover").isZero();
            cluster.passed();
        }
    }

    private static Sample sample(String url) {
        return new Sample(System.nanoTime(), status(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build()));
    }

    private static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
