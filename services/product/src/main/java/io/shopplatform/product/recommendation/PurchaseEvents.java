package io.shopplatform.product.recommendation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.shopplatform.service.outbox.EventSubscription;
import io.shopplatform.service.outbox.ProcessedEvents;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Popularity from sales: each {@code placed} event of the order service (topic {@code orders.order}) adds its
 * quantities to the products' purchase counts and one order to each pair of its products bought together, exactly
 * once (the event id is recorded in the same transaction).
 */
@Configuration(proxyBeanMethods = false)
class PurchaseEvents {

    static final String TOPIC = "orders.order", PLACED = "placed", CONSUMER = "product-popularity";

    /** The part of the order service's event this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderPlaced(List<Line> items) {
        @JsonIgnoreProperties(ignoreUnknown = true)
        record Line(long productId, long quantity) {}
    }

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
