package io.shopplatform.product.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.shopplatform.service.outbox.EventSubscription;
import io.shopplatform.service.outbox.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stock summary on products, from the inventory service's {@code changed} events (topic {@code inventory.stock}):
 * each applies once (the event id is recorded in the same transaction), and only if its version (the outbox's
 * per-SKU {@code event-version}) is newer than the level shown; a SKU no product has is logged and skipped.
 */
@Configuration(proxyBeanMethods = false)
class StockEvents {

    static final String TOPIC = "inventory.stock", CHANGED = "changed", CONSUMER = "product-stock";
    private static final Logger log = LoggerFactory.getLogger(StockEvents.class);

    /**
     * The inventory service's event contract, defined here until that service exists: the shared library holds
     * nothing domain-specific. It must key the events by SKU, so one SKU's levels arrive in order.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StockChanged(String sku, int available) {}

    @Bean
    EventSubscription stockSummary(ProductCatalog catalog, ProcessedEvents processed) {
        return processed.once(TOPIC, CONSUMER, CHANGED, StockChanged.class, (stock, event) -> {
            if (!catalog.updateStock(stock.sku(), stock.available(), event.version())) {
                log.info("stock event ignored: no product has SKU {}", stock.sku());
            }
        });
    }
}
