package io.shopplatform.product.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The search engine ({@code shop.search.*}, from {@code SHOP_SEARCH_*}).
 *
 * @param timeout      per request: past it a search falls back to PostgreSQL rather than keep the shopper waiting
 * @param indexerGroup the consumer group whose instances share the indexing of product events
 */
@ConfigurationProperties("shop.search")
record SearchProperties(String url, String user, String password, @DefaultValue("products") String index,
                        @DefaultValue("1s") Duration timeout,
                        @DefaultValue("product-search-indexer") String indexerGroup) {
}
