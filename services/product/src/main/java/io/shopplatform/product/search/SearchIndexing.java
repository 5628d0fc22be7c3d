package io.shopplatform.product.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.product.catalog.ProductChanged;
import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.service.outbox.EventSubscription;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the index in step with the catalog: one instance of the service (a consumer group) applies each product
 * event. Replays are harmless, since documents carry the product version; while the engine is down the events
 * wait in Kafka and are applied when it returns.
 */
@Configuration(proxyBeanMethods = false)
class SearchIndexing {

    @Bean
    EventSubscription searchIndexer(OpenSearchIndex index, CategoryTree categories, ObjectMapper json,
                                    SearchProperties props) {
        return EventSubscription.sharedBatches(ProductChanged.TOPIC, props.indexerGroup(), events -> index.apply(
                events.stream().map(event -> {
                    ProductChanged p = ProductChanged.read(json, event);
                    boolean deleted = ProductChanged.DELETED.equals(event.type());
                    return new OpenSearchIndex.Change(p, deleted || p.categoryId() == null ? List.of()
                            : categories.lineage(p.categoryId()), deleted);
                }).toList()));
    }
}
