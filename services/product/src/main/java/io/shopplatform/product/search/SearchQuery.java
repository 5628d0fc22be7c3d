package io.shopplatform.product.search;

import java.math.BigDecimal;

/** A validated search: words, optional category subtree and price range, and a page. */
record SearchQuery(String text, Long category, BigDecimal minPrice, BigDecimal maxPrice, int page, int size) {

    /** A stable cache key: equal queries share one cached result. */
    String key() {
        return String.join("|", text.strip().toLowerCase(java.util.Locale.ROOT), String.valueOf(category),
                String.valueOf(minPrice), String.valueOf(maxPrice), String.valueOf(page), String.valueOf(size));
    }
}
