package io.shopplatform.product.catalog;

import io.shopplatform.service.contracts.StockChanged;
import io.shopplatform.service.outbox.EventSubscription;
import io.shopplatform.service.outbox.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stock summary on products, from the inventory service's {@link StockChanged} events (the contract in shared):
 * each applies once (the event id is recorded in the same transaction), and only if its version (the outbox's
 * per-SKU {@code event-version}) is newer than the level shown; a SKU no product has is logged and skipped.
 */
@Configuration(proxyBeanMethods = false)
class StockEvents {

    static final String CONSUMER = "product-stock";
    private static final Logger log = LoggerFactory.getLogger(StockEvents.class);

    @Bean
    EventSubscription stockSummary(ProductCatalog catalog, ProcessedEvents processed) {
        return processed.once(StockChanged.TOPIC, CONSUMER, StockChanged.TYPE, StockChanged.class, (stock, event) -> {
            if (!catalog.updateStock(stock.sku(), stock.available(), event.version())) {
                log.info("stock event ignored: no product has SKU {}", stock.sku());
            }
        });
    }
}
