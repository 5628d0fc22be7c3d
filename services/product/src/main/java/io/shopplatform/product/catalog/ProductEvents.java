package io.shopplatform.product.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.service.outbox.EventSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Product events this feature reacts to. */
@Configuration(proxyBeanMethods = false)
class ProductEvents {

    /**
     * Every instance evicts a changed product from its L1 and, again, from Redis and memcached: the writer already
     * evicted those after its commit, but an instance that read a replica just before the commit could have put
     * the old value back since. Deletes are idempotent and cheap next to a stale price for an hour. A created
     * product has nothing to evict: misses are not cached.
     */
    @Bean
    EventSubscription productInvalidation(ProductCatalog catalog, ObjectMapper json) {
        return EventSubscription.broadcast(ProductChanged.TOPIC, event -> {
            if (!ProductChanged.CREATED.equals(event.type())) {
                ProductChanged p = ProductChanged.read(json, event);
                catalog.changed(p.id());
            }
        });
    }
}
