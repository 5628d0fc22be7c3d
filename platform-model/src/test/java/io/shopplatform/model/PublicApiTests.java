package io.shopplatform.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublicApiTests {

    @Test
    void everyServiceTheGatewayReachesHasARouteAndNothingElseDoes() {
        assertThat(Shop.PUBLIC_API.routes()).extracting(PublicApi.Route::service)
                .containsExactlyInAnyOrder(Shop.USER, Shop.PRODUCT, Shop.ORDER, Shop.PAYMENT, Shop.INVENTORY);
        assertThat(Shop.PUBLIC_API.serviceByPath()).containsEntry("/api/v1/products/**", Shop.PRODUCT);
    }

    @Test
    void aRouteToAServiceWithoutAGatewayEdgeIsRefused() {
        Map<String, List<String>> paths = new java.util.HashMap<>();
        Shop.PUBLIC_API.routes().forEach(r -> paths.put(r.service(), r.paths()));
        paths.put(Shop.PGPOOL, List.of("/api/v1/sql/**"));
        assertThatThrownBy(() -> PublicApi.of(Shop.PLATFORM, "/api/v1", paths))
                .hasMessageContaining("inconsistent public API");
    }

    @Test
    void aPathOutsideThePrefixIsRefused() {
        assertThatThrownBy(() -> new PublicApi("/api/v1", List.of(new PublicApi.Route("product", List.of("/admin/**")))))
                .hasMessageContaining("/admin/** is outside /api/v1");
    }
}
