package io.shopplatform.product.recommendation;

import java.math.BigDecimal;

/** A product in a popularity list, with what made it popular. */
public record PopularProduct(long id, String name, BigDecimal price, Long categoryId, long purchases) {
}
