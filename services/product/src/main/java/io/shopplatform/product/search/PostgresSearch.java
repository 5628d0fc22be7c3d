package io.shopplatform.product.search;

import io.shopplatform.product.category.CategoryTree;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The fallback when the search engine is down: the products table's own full-text column (name weighted above
 * description), with the same filters. Slower and without category names in the text, but the shop keeps selling.
 */
@Component
class PostgresSearch {

    private static final String MATCHES = " FROM catalog.products p WHERE p.search @@ websearch_to_tsquery('english', :text)"
            + " AND (CAST(:category AS bigint) IS NULL OR p.category_id IN (" + CategoryTree.SUBTREE_IDS + "))"
            + " AND (CAST(:min AS numeric) IS NULL OR p.price >= :min) AND (CAST(:max AS numeric) IS NULL OR p.price <= :max)";

    private final NamedParameterJdbcTemplate jdbc;

    PostgresSearch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    SearchResults search(SearchQuery q) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("text", q.text())
                .addValue("category", q.category()).addValue("min", q.minPrice()).addValue("max", q.maxPrice())
                .addValue("limit", q.size()).addValue("offset", (long) q.page() * q.size());
        List<SearchHit> items = jdbc.query("SELECT p.id, p.name, p.price, p.category_id" + MATCHES
                        + " ORDER BY ts_rank(p.search, websearch_to_tsquery('english', :text)) DESC, p.id"
                        + " LIMIT :limit OFFSET :offset", params,
                (rs, i) -> new SearchHit(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getObject(4, Long.class)));
        Long total = jdbc.queryForObject("SELECT count(*)" + MATCHES, params, Long.class);
        return new SearchResults(items, q.page(), q.size(), total == null ? 0 : total);
    }
}
