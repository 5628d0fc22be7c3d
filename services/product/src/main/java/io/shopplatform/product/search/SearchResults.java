package io.shopplatform.product.search;

import java.util.List;

/** A page of results and how many match in all. */
record SearchResults(List<SearchHit> items, int page, int size, long total) {
}
