package io.shopplatform.product;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.product.category.CategoryTree;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input is a 400 problem naming the offending field, and nothing of it is written. */
@ProductIntegrationTest
class BadInputIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    CategoryTree categories;

    Api api;
    long category;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        category = categories.create(null, Api.uniqueSlug(), "Bad input", 0);
    }

    @Test
    void aNegativePriceIsRefusedAndNothingIsWritten() {
        assertCreateRefused(Api.productJson(Api.uniqueSku(), "Cheap", category, "-1.00"), "price");
    }

    @Test
    void anOversizedNameIsRefused() {
        assertCreateRefused(Api.productJson(Api.uniqueSku(), "x".repeat(201), category, "1.00"), "name");
    }

    @Test
    void aPriceThatIsNotANumberNamesThePrice() {
        assertCreateRefused(Api.productJson(Api.uniqueSku(), "Typo", category, "\"ten\""), "price");
    }

    @Test
    void anUnknownCategoryIsRefused() {
        assertCreateRefused(Api.productJson(Api.uniqueSku(), "Lost", 999_999_999, "1.00"), "categoryId");
    }

    @Test
    void malformedJsonIsRefused() {
        Api.Response r = api.post("/api/v1/products", "{\"sku\": \"A1\", \"name\": ", Api.ADMIN);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.<List<String>>json("$.errors[*].field")).containsExactly("body");
    }

    @Test
    void anArrayForABodyIsRefusedWithoutNamingAnInternalClass() {
        Api.Response r = api.post("/api/v1/products", "[]", Api.ADMIN);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.<List<String>>json("$.errors[*].field")).containsExactly("body");
        assertThat(r.body()).doesNotContain("io.shopplatform", "ProductRequest", "Cannot deserialize");
    }

    @Test
    void aFailedUpdateLeavesTheProductAsItWas() {
        long id = api.createProduct(category, "3.00");

        Api.Response r = api.put("/api/v1/products/" + id, Api.productJson(Api.uniqueSku(), "", category, "-3.00"),
                Api.ADMIN);

        assertThat(r.<List<String>>json("$.errors[*].field")).containsExactlyInAnyOrder("name", "price");
        assertThat(api.get("/api/v1/products/" + id).<Double>json("$.price")).isEqualTo(3.0);
    }

    @Test
    void invalidPaginationNamesTheParameter() {
        assertQueryRefused("/api/v1/products?category=" + category + "&page=-1", "page");
        assertQueryRefused("/api/v1/products?category=" + category + "&size=1000", "size");
        assertQueryRefused("/api/v1/products?category=" + category + "&sort=bogus", "sort");
        assertQueryRefused("/api/v1/products?category=abc", "category");
        assertQueryRefused("/api/v1/products", "category");
    }

    private void assertCreateRefused(String body, String field) {
        String sku = com.jayway.jsonpath.JsonPath.read(body, "$.sku");

        Api.Response r = api.post("/api/v1/products", body, Api.ADMIN);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.<List<String>>json("$.errors[*].field")).containsExactly(field);
        assertThat(api.get("/api/v1/products?category=" + category).<Integer>json("$.total"))
                .as("nothing written for %s", sku).isZero();
    }

    private void assertQueryRefused(String path, String field) {
        Api.Response r = api.get(path);

        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.<List<String>>json("$.errors[*].field")).as(path).containsExactly(field);
    }
}
