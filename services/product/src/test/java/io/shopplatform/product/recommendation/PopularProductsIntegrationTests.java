package io.shopplatform.product.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.product.Api;
import io.shopplatform.product.ProductIntegrationTest;
import io.shopplatform.product.category.CategoryTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ProductIntegrationTest
class PopularProductsIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    CategoryTree categories;
    @Autowired
    Popularity popularity;
    @Autowired
    PopularProducts popular;

    Api api;
    long category;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        category = categories.create(null, Api.uniqueSlug(), "Popular", 0);
    }

    @Test
    void bestSellersOfACategoryComeFirst() {
        long few = api.createProduct(category, "1.00"), most = api.createProduct(category, "2.00"),
                some = api.createProduct(category, "3.00");
        popularity.addPurchases(Map.of(few, 1L, most, 50L, some, 5L));

        Api.Response r = api.get("/api/v1/recommendations/popular?category=" + category);

        assertThat(r.<List<Integer>>json("$[*].id")).containsExactly((int) most, (int) some, (int) few);
        assertThat(r.<List<Integer>>json("$[*].purchases")).containsExactly(50, 5, 1);
    }

    @Test
    void theBackgroundRefreshPublishesANewRankingBeforeTheListExpires() {
        long a = api.createProduct(category, "1.00"), b = api.createProduct(category, "2.00");
        popularity.addPurchases(Map.of(a, 10L, b, 1L));
        assertThat(ids()).containsExactly((int) a, (int) b);
        popularity.addPurchases(Map.of(b, 100L));
        assertThat(ids()).as("cached until refreshed").containsExactly((int) a, (int) b);

        popular.refresh();

        assertThat(ids()).containsExactly((int) b, (int) a);
    }

    @Test
    void recommendationsForAProductAreItsCategorysBestSellersWithoutItself() {
        long viewed = api.createProduct(category, "1.00"), other = api.createProduct(category, "2.00");
        popularity.addPurchases(Map.of(viewed, 10L, other, 1L));

        Api.Response r = api.get("/api/v1/recommendations/for/" + viewed);

        assertThat(r.<List<Integer>>json("$[*].id")).containsExactly((int) other);
    }

    private List<Integer> ids() {
        return api.get("/api/v1/recommendations/popular?category=" + category).json("$[*].id");
    }
}
