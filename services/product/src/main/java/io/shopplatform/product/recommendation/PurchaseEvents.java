package io.shopplatform.product.recommendation;

import io.shopplatform.service.contracts.OrderPlaced;
import io.shopplatform.service.outbox.EventSubscription;
import io.shopplatform.service.outbox.ProcessedEvents;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Popularity from sales: each {@code placed} event of the order service (topic {@code orders.order}) adds its
 * quantities to the products' purchase counts and one order to each pair of its products bought together, exactly
 * once (the event id is recorded in the same transaction). The payload is the shared {@link OrderPlaced}.
 */
@Configuration(proxyBeanMethods = false)
class PurchaseEvents {

    static final String TOPIC = OrderPlaced.TOPIC, PLACED = OrderPlaced.TYPE, CONSUMER = "product-popularity";

    @Bean
    EventSubscription purchases(Popularity popularity, ProcessedEvents processed) {
        return processed.once(TOPIC, CONSUMER, PLACED, OrderPlaced.class, order -> {
            Map<Long, Long> sold = order.items().stream()
                    .collect(Collectors.toMap(OrderPlaced.Line::productId, OrderPlaced.Line::quantity, Long::sum));
            popularity.addPurchases(sold);
            popularity.addBoughtTogether(sold.keySet());
        });
    }
}
