package io.shopplatform.product.catalog;

import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.service.db.ReadYourWrites;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A category's products, its subcategories' included, a page at a time. Pages are read from a replica and not
 * cached: an event would have to evict every page a product appears on. The fence keeps a page after a write from a
 * standby that has not replayed it.
 */
@Component
class ProductListing {

    /** The sort orders a client may ask for, mapped to SQL once so no client text reaches a query. */
    enum Sort {
        name("name, id"), price("price, id"), price_desc("price DESC, id"), newest("id DESC");

        private final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    private static final String IN_SUBTREE = " FROM catalog.products p WHERE p.category_id IN ("
            + CategoryTree.SUBTREE_IDS + ")";

    private final NamedParameterJdbcTemplate jdbc;
    private final ReadYourWrites fence;

    ProductListing(NamedParameterJdbcTemplate jdbc, ReadYourWrites fence) {
        this.jdbc = jdbc;
        this.fence = fence;
    }

    @Transactional(readOnly = true)
    ProductPage<ProductView> inCategory(long category, int page, int size, Sort sort) {
        return fence.read(() -> page(category, page, size, sort));
    }

    private ProductPage<ProductView> page(long category, int page, int size, Sort sort) {
        Map<String, Object> params = Map.of("category", category, "limit", size, "offset", (long) page * size);
        List<ProductView> items = jdbc.query("SELECT p.id, p.sku, p.name, p.description, p.category_id, p.price,"
                + " p.currency, p.status, p.version, p.updated_at, p.stock_available, p.stock_updated_at,"
                + " p.stock_version" + IN_SUBTREE
                + " ORDER BY " + sort.orderBy + " LIMIT :limit OFFSET :offset", params,
                new DataClassRowMapper<>(Product.class)).stream().map(Product::view).toList();
        Long total = jdbc.queryForObject("SELECT count(*)" + IN_SUBTREE, params, Long.class);
        return new ProductPage<>(items, page, size, total == null ? 0 : total);
    }
}
