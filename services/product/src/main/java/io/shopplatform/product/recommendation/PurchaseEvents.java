package io.shopplatform.product.recommendation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.service.outbox.EventSubscription;
import io.shopplatform.service.outbox.ProcessedEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Popularity from sales: each {@code placed} event of the order service (topic {@code orders.order}) adds its
 * quantities to the products' purchase counts, exactly once (the event id is recorded in the same transaction).
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
    EventSubscription purchases(Popularity popularity, ProcessedEvents processed, ObjectMapper json,
                                PlatformTransactionManager transactions) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return EventSubscription.shared(TOPIC, CONSUMER, event -> {
            if (!PLACED.equals(event.type())) {
                return;
            }
            Map<Long, Long> sold = read(json, event.payload()).items().stream()
                    .collect(Collectors.toMap(OrderPlaced.Line::productId, OrderPlaced.Line::quantity, Long::sum));
            tx.executeWithoutResult(status -> {
                if (processed.firstTime(CONSUMER, event.id())) {
                    popularity.addPurchases(sold);
                }
            });
        });
    }

    private static OrderPlaced read(ObjectMapper json, byte[] payload) {
        try {
            return json.readValue(payload, OrderPlaced.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
