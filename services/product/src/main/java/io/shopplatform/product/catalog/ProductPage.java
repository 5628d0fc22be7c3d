package io.shopplatform.product.catalog;

import java.util.List;

/** One page of a listing; {@code total} counts every match, so clients can show how many pages there are. */
public record ProductPage<T>(List<T> items, int page, int size, long total) {
}
