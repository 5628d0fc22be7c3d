package io.shopplatform.product.recommendation;

import static io.shopplatform.model.Shop.PLATFORM;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.service.cache.CacheLayers;
import io.shopplatform.service.cache.CacheSpec;
import io.shopplatform.service.cache.LayeredCache;
import java.util.List;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * "Also bought": the active products most often in the same orders as a product ({@code purchases} counts those
 * orders). Cached per product under the seed's popular-products policy (Redis and L1, 30 minutes): a ranking, like
 * the best sellers, that may trail the orders by that much.
 */
@Service
class AlsoBought {

    private static final CacheSpec CACHE = CacheSpec.of("also-bought.v1", PLATFORM.cache("popular-products"));

    private final NamedParameterJdbcTemplate jdbc;
    private final LayeredCache<List<PopularProduct>> cache;

    AlsoBought(NamedParameterJdbcTemplate jdbc, CacheLayers caches, ObjectMapper json) {
        this.jdbc = jdbc;
        this.cache = caches.cache(CACHE,
                json.getTypeFactory().constructCollectionType(List.class, PopularProduct.class));
    }

    List<PopularProduct> with(long product) {
        return cache.get(Long.toString(product), () -> load(product));
    }

    private List<PopularProduct> load(long product) {
        return jdbc.query("SELECT p.id, p.name, p.price, p.category_id, cp.orders AS purchases"
                        + " FROM catalog.co_purchases cp JOIN catalog.products p ON p.id = cp.other_id"
                        + " WHERE cp.product_id = :product AND p.status = 'ACTIVE'"
                        + " ORDER BY cp.orders DESC, p.id LIMIT :limit",
                new MapSqlParameterSource("product", product).addValue("limit", PopularProducts.LIST_SIZE),
                new DataClassRowMapper<>(PopularProduct.class));
    }
}
