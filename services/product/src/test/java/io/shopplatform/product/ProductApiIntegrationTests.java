package io.shopplatform.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.service.testing.ApiDescriptionLint;
import io.shopplatform.service.testing.LaggingStandbys;
import io.shopplatform.service.testing.TestTokens;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

@ProductIntegrationTest
class ProductApiIntegrationTests {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    CategoryTree categories;

    Api api;
    long phones;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        phones = categories.create(null, Api.uniqueSlug(), "Phones", 0);
    }

    @Test
    void aCreatedProductIsReadBackById() {
        long id = api.createProduct(phones, "199.99");

        Api.Response r = api.get("/api/v1/products/" + id);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.<Double>json("$.price")).isEqualTo(199.99);
        assertThat(r.<Integer>json("$.categoryId")).isEqualTo((int) phones);
        assertThat(r.<String>json("$.currency")).isEqualTo("USD");
    }

    @Test
    void anUnknownIdIsA404Problem() {
        Api.Response r = api.get("/api/v1/products/999999999");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.<String>json("$.detail")).isEqualTo("product 999999999 does not exist");
    }

    @Test
    void onlyAdminsChangeTheCatalog() {
        String body = Api.productJson(Api.uniqueSku(), "Nope", phones, "1.00");

        Api.Response anonymous = api.post("/api/v1/products", body, null);
        Api.Response shopper = api.post("/api/v1/products", body, Api.SHOPPER);
        Api.Response garbage = api.post("/api/v1/products", body, "not.a.token");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(shopper.status()).isEqualTo(403);
        assertThat(garbage.status()).isEqualTo(401);
        for (Api.Response r : List.of(anonymous, shopper, garbage)) {
            assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/problem+json");
            assertThat(r.<Integer>json("$.status")).isEqualTo(r.status());
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    /** Any token the user service signs is not an access token: a refresh token of an admin opens nothing. */
    @Test
    void onlyAnAccessTokenOfOurIssuerAndAudienceIsAccepted() {
        TestTokens tokens = TestTokens.shared();
        String body = Api.productJson(Api.uniqueSku(), "Nope", phones, "1.00");
        String refresh = tokens.sign(tokens.claims("admin", "ADMIN").build(), new JOSEObjectType("refresh+jwt"), "test");
        String foreign = tokens.sign(tokens.claims("admin", "ADMIN").issuer("elsewhere").build(), TestTokens.ACCESS,
                "test");

        assertThat(api.post("/api/v1/products", body, refresh).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/products", body, foreign).status()).isEqualTo(401);
    }

    @Test
    void anUpdateReturnsTheNewPriceAndTheNextVersion() {
        long id = api.createProduct(phones, "10.00");
        api.get("/api/v1/products/" + id);   // cached now

        Api.Response updated = api.put("/api/v1/products/" + id,
                Api.productJson(Api.uniqueSku(), "Renamed", phones, "12.50"), Api.ADMIN);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.<Double>json("$.price")).isEqualTo(12.5);
        assertThat(updated.<Integer>json("$.version")).isEqualTo(1);
        assertThat(api.get("/api/v1/products/" + id).<Double>json("$.price")).isEqualTo(12.5);
    }

    @Test
    void aDeletedProductIsGone() {
        long id = api.createProduct(phones, "5.00");
        api.get("/api/v1/products/" + id);

        assertThat(api.delete("/api/v1/products/" + id, Api.ADMIN).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/products/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/products/" + id, Api.ADMIN).status()).isEqualTo(404);
    }

    @Test
    void aCategoryListsItsSubcategoriesProductsPagedAndSorted() {
        long android = categories.create(phones, "android", "Android", 0);
        api.createProduct(phones, "300.00");
        api.createProduct(android, "100.00");
        api.createProduct(android, "200.00");

        Api.Response first = api.get("/api/v1/products?category=" + phones + "&size=2&sort=price_desc");
        Api.Response second = api.get("/api/v1/products?category=" + phones + "&size=2&page=1&sort=price_desc");

        assertThat(first.<List<Double>>json("$.items[*].price")).containsExactly(300.0, 200.0);
        assertThat(first.<Integer>json("$.total")).isEqualTo(3);
        assertThat(second.<List<Double>>json("$.items[*].price")).containsExactly(100.0);
        assertThat(api.get("/api/v1/products?category=" + android).<Integer>json("$.total")).isEqualTo(2);
    }

    /** Deterministic with the standbys lagging: the read right after the write must not come from one of them. */
    @Test
    void theCategoryTreeNestsChildrenUnderTheirParent() throws Exception {
        Api.Response r;
        try (LaggingStandbys lagging = LaggingStandbys.pause()) {
            categories.create(phones, "android", "Android", 0);

            r = api.get("/api/v1/categories");
        }

        String parent = "$[?(@.id == " + phones + ")]";
        assertThat(r.<List<String>>json(parent + ".children[*].path")).containsExactly(
                r.<List<String>>json(parent + ".path").get(0) + "/android");
    }

    @Test
    void aWriteReturnsTheVersionThatReadsMayAskFor() {
        Api.Response created = api.post("/api/v1/products",
                Api.productJson(Api.uniqueSku(), "Versioned", phones, "2.00"), Api.ADMIN);
        String version = created.header(ReadYourWrites.VERSION_HEADER);

        assertThat(version).as("Shop-Version of the create").isNotNull();
        assertThat(Long.parseLong(version)).isPositive();
        assertThat(api.getAtLeast("/api/v1/products/" + created.<Integer>json("$.id"), version).status())
                .isEqualTo(200);
    }

    @Test
    void aMinimumVersionThatIsNotOneIsA400NamingTheHeader() {
        Api.Response r = api.getAtLeast("/api/v1/categories", "yesterday");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.<List<String>>json("$.errors[*].field")).containsExactly(ReadYourWrites.MIN_VERSION_HEADER);
    }

    @Test
    void theOpenApiDescriptionIsServed() {
        Api.Response r = api.get("/v3/api-docs");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("/api/v1/products/{id}", "/api/v1/categories", "/api/v1/search");
    }

    @Test
    void theBenchmarksConstantProductIsNoPartOfTheApi() {
        assertThat(api.get("/api/v1/ping", Api.SHOPPER).status()).isEqualTo(404);
    }

    @Test
    void theOpenApiDescriptionLintsWithoutErrors() {
        ApiDescriptionLint.Result lint = ApiDescriptionLint.of(api.get("/v3/api-docs").body(), "product");

        assertThat(lint.errors()).isEmpty();
    }

    @Test
    void prometheusExportsCacheDatabaseAndRequestMetrics() {
        long id = api.createProduct(phones, "1.00");
        api.get("/api/v1/products/" + id);
        api.get("/api/v1/products/" + id);

        Api.Response r = new Api(managementPort).get("/actuator/prometheus");
        String metrics = r.body();

        assertThat(r.status()).isEqualTo(200);
        assertThat(metrics).contains(
                "cache_hit_ratio{", "shop_cache_gets_total{", "layer=\"local\"", "layer=\"redis\"", "layer=\"memcached\"",
                "shop_db_queries_seconds_bucket{", "kind=\"read\"", "kind=\"write\"", "le=\"0.025\"",
                "http_server_requests_seconds_bucket{");
    }

    @Test
    void healthIsUpWithLivenessAndReadinessGroups() {
        Api management = new Api(managementPort);

        assertThat(management.get("/actuator/health").<String>json("$.status")).isEqualTo("UP");
        assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
