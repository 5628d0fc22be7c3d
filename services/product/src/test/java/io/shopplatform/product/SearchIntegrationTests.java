package io.shopplatform.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.testing.DataTier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ProductIntegrationTest
class SearchIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    CategoryTree categories;
    @Autowired
    MeterRegistry meters;

    final AtomicInteger polls = new AtomicInteger();
    Api api;
    String word;
    long shoes;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        // A made-up word no other test's product contains, so the results are this test's alone.
        word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).replaceAll("[0-9]", "x");
        shoes = categories.create(null, Api.uniqueSlug(), "Shoes", 0);
    }

    @Test
    void aNewProductIsFoundByNameAndByCategoryThroughTheEngine() {
        long id = create(word + " runner", shoes, "80.00");

        // On a loaded machine a slow engine's query falls back to PostgreSQL (which finds it too): wait for the engine.
        Api.Response byName = awaitHits("/api/v1/search?q=" + word, 1, "opensearch");
        Api.Response byCategory = awaitHits("/api/v1/search?q=" + word + "+shoes", 1, "opensearch");

        assertThat(byName.header("X-Search-Backend")).isEqualTo("opensearch");
        assertThat(byName.<List<Integer>>json("$.items[*].id")).containsExactly((int) id);
        assertThat(byCategory.<List<Integer>>json("$.items[*].id")).containsExactly((int) id);
    }

    /** The engine is shared with the developer's shop, whose product ids are not the tests': an index each. */
    @Test
    void theTestsProductsAreIndexedInTheTestsIndexNotTheShops() throws Exception {
        create(word + " clog", shoes, "30.00");
        awaitHits("/api/v1/search?q=" + word, 1, "opensearch");

        assertThat(DataTier.shared().scope().index("products")).isEqualTo("test-products");
        assertThat(indexed("test-products", word)).isEqualTo(1);
        assertThat(indexed("products", word)).isZero();
    }

    @Test
    void filtersByPriceRangeAndCategory() {
        long cheap = create(word + " sandal", shoes, "20.00");
        create(word + " boot", shoes, "120.00");
        long other = categories.create(null, Api.uniqueSlug(), "Other", 0);
        create(word + " poster", other, "25.00");
        awaitHits("/api/v1/search?q=" + word, 3);

        Api.Response r = api.get("/api/v1/search?q=" + word + "&category=" + shoes + "&maxPrice=50");

        assertThat(r.<List<Integer>>json("$.items[*].id")).containsExactly((int) cheap);
    }

    @Test
    void aDeletedProductLeavesTheIndex() {
        long id = create(word + " slipper", shoes, "15.00");
        awaitHits("/api/v1/search?q=" + word, 1);

        api.delete("/api/v1/products/" + id, Api.ADMIN);

        awaitHits("/api/v1/search?q=" + word, 0);
    }

    @Test
    void openingAResultReturnsTheProductAndCountsAClickThrough() {
        long id = create(word + " loafer", shoes, "60.00");
        double clicks = meters.get("shop.search.clicks").counter().count();

        Api.Response r = api.get("/api/v1/search/results/" + id);

        assertThat(r.<String>json("$.name")).isEqualTo(word + " loafer");
        assertThat(meters.get("shop.search.clicks").counter().count()).isEqualTo(clicks + 1);
    }

    @Test
    void invalidSearchParametersAreNamed() {
        Api.Response r = api.get("/api/v1/search?q=&minPrice=-1");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.<List<String>>json("$.errors[*].field")).containsExactlyInAnyOrder("q", "minPrice");
    }

    /** OpenSearch refuses pages past its 10,000-hit window; before, each such query counted against its breaker. */
    @Test
    void aPagePastTheEnginesWindowIsA400NamingThePage() {
        Api.Response r = api.get("/api/v1/search?q=shoes&page=100&size=100");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.<List<String>>json("$.errors[*].field")).containsExactly("page");
        assertThat(api.get("/api/v1/search?q=shoes&page=99&size=100").status()).as("the last page inside").isEqualTo(200);
    }

    @Test
    void anAbsurdPriceBoundIsA400NamingIt() {
        Api.Response r = api.get("/api/v1/search?q=shoes&maxPrice=1e200000");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.<List<String>>json("$.errors[*].field")).containsExactly("maxPrice");
    }

    /** Documents of {@code index} that contain {@code text}, asked of the engine itself (none if there is no index). */
    private static int indexed(String index, String text) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(DataTier.shared().searchUrl() + "/" + index + "/_count?q=" + text)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 404 ? 0 : new ObjectMapper().readTree(r.body()).path("count").asInt(-1);
    }

    private long create(String name, long category, String price) {
        Api.Response r = api.post("/api/v1/products", Api.productJson(Api.uniqueSku(), name, category, price), Api.ADMIN);
        assertThat(r.status()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    /**
     * Indexing follows the event and the engine's refresh, so wait for it. Results are cached for 15 minutes by
     * design; each poll asks for another page size so it is a new query, not the cached answer of the last poll.
     */
    private Api.Response awaitHits(String path, int count) {
        return awaitHits(path, count, null);
    }

    /** Polls until {@code count} hits, answered by {@code backend} ({@code X-Search-Backend}) when not null. */
    private Api.Response awaitHits(String path, int count, String backend) {
        Api.Response[] last = new Api.Response[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = api.get(path + "&size=" + (10 + polls.getAndIncrement() % 90));
            return last[0].status() == 200 && last[0].<Integer>json("$.total") == count
                    && (backend == null || backend.equals(last[0].header("X-Search-Backend")));
        });
        return last[0];
    }
}
