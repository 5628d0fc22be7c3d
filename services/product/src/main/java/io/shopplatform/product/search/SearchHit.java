package io.shopplatform.product.search;

import java.math.BigDecimal;

/** One result: enough to render a result line and link to the product. */
public record SearchHit(long id, String name, BigDecimal price, Long categoryId) {
}
