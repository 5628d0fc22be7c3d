package io.shopplatform.product.recommendation;

import static io.shopplatform.model.Shop.PLATFORM;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.service.cache.CacheLayers;
import io.shopplatform.service.cache.CacheSpec;
import io.shopplatform.service.cache.LayeredCache;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The best-selling active products, overall and per category subtree, as the seed keeps them: in Redis and L1 for
 * 30 minutes, refreshed by a background job well before they expire, so shoppers never wait for the ranking query.
 */
@Service
class PopularProducts {

    static final int LIST_SIZE = 50;
    private static final CacheSpec CACHE = CacheSpec.of("popular.v1", PLATFORM.cache("popular-products"));
    private static final String ALL = "all";

    private final NamedParameterJdbcTemplate jdbc;
    private final LayeredCache<List<PopularProduct>> cache;
    /** The lists asked for on this instance: what the refresh job keeps warm. */
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    PopularProducts(NamedParameterJdbcTemplate jdbc, CacheLayers caches, ObjectMapper json) {
        this.jdbc = jdbc;
        this.cache = caches.cache(CACHE, json.getTypeFactory().constructCollectionType(List.class, PopularProduct.class));
    }

    List<PopularProduct> top(Long category, int limit) {
        String key = category == null ? ALL : category.toString();
        asked.add(key);
        List<PopularProduct> list = cache.get(key, () -> load(category));
        return list.subList(0, Math.min(limit, list.size()));
    }

    @Scheduled(fixedDelayString = "${shop.popular.refresh-every}", initialDelayString = "${shop.popular.refresh-every}")
    void refresh() {
        for (String key : asked) {
            cache.refresh(key, () -> load(ALL.equals(key) ? null : Long.valueOf(key)));
        }
    }

    private List<PopularProduct> load(Long category) {
        String inCategory = category == null ? "" : " AND p.category_id IN (" + CategoryTree.SUBTREE_IDS + ")";
        return jdbc.query("SELECT p.id, p.name, p.price, p.category_id, pp.purchases"
                        + " FROM catalog.product_popularity pp JOIN catalog.products p ON p.id = pp.product_id"
                        + " WHERE p.status = 'ACTIVE'" + inCategory + " ORDER BY pp.purchases DESC, p.id LIMIT :limit",
                new MapSqlParameterSource("category", category).addValue("limit", LIST_SIZE),
                new DataClassRowMapper<>(PopularProduct.class));
    }
}
