package io.shopplatform.product.category;

import io.shopplatform.service.outbox.EventSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Category events this feature reacts to. */
@Configuration(proxyBeanMethods = false)
class CategoryEvents {

    /** Every instance drops its tree on a change (the writer already did after its commit; others learn it here). */
    @Bean
    EventSubscription categoryInvalidation(CategoryTree tree) {
        return EventSubscription.broadcast(CategoryChanged.TOPIC, event -> tree.changed());
    }
}
