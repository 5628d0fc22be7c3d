package io.shopplatform.inventory.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.inventory.InventoryProperties;
import io.shopplatform.inventory.stock.StockLevel;
import io.shopplatform.service.contracts.StockChanged;
import io.shopplatform.service.outbox.Event;
import io.shopplatform.service.outbox.EventSubscription;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live available stock per SKU for clients (server-sent events), the seed's real-time stock broadcasting. Every
 * instance reads the service's own {@code inventory.stock} events as a broadcast, so a client on any replica hears of
 * a change made on any other; a client's first event is the level when it connected, and each later one is sent only
 * if its {@code event-version} is newer than the last it got (a replayed or late event never moves the level back).
 */
@Configuration(proxyBeanMethods = false)
public class StockStream {

    /** The event name clients listen for; its data is {@code {"sku", "available", "version"}}. */
    public static final String EVENT = "stock";

    /** What a client receives. */
    public record Level(String sku, int available, long version) {}

    private record Client(SseEmitter emitter, long[] lastVersion) {}

    private final Map<String, Set<Client>> clients = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final InventoryProperties.Stream settings;

    StockStream(InventoryProperties props, MeterRegistry meters) {
        this.settings = props.stream();
        Gauge.builder("shop_inventory_stock_streams", open, AtomicInteger::get)
                .description("open live stock streams on this instance").register(meters);
    }

    @Bean
    EventSubscription stockStreamFeed(ObjectMapper json) {
        return EventSubscription.broadcast(StockChanged.TOPIC, event -> {
            if (StockChanged.TYPE.equals(event.type()) && clients.containsKey(event.aggregateId())) {
                StockChanged changed = event.payload(json, StockChanged.class);
                publish(new Level(changed.sku(), changed.available(), event.version()));
            }
        });
    }

    /** Opens a stream that starts at {@code current}. */
    SseEmitter open(StockLevel current) {
        Set<Client> ofSku = clients.computeIfAbsent(current.sku(), s -> ConcurrentHashMap.newKeySet());
        if (ofSku.size() >= settings.perSku()) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "too many clients follow " + current.sku() + " on this instance; try again shortly");
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, p, null);
        }
        Client client = new Client(new SseEmitter(settings.timeout().toMillis()), new long[] {-1});
        Runnable leave = () -> {
            if (ofSku.remove(client)) {
                open.decrementAndGet();
            }
        };
        client.emitter().onCompletion(leave);
        client.emitter().onTimeout(leave);
        client.emitter().onError(e -> leave.run());
        ofSku.add(client);
        open.incrementAndGet();
        send(client, new Level(current.sku(), current.available(), current.eventVersion()));
        return client.emitter();
    }

    private void publish(Level level) {
        for (Client client : clients.getOrDefault(level.sku(), Set.of())) {
            send(client, level);
        }
    }

    private void send(Client client, Level level) {
        synchronized (client) {
            if (level.version() <= client.lastVersion()[0]) {
                return;
            }
            try {
                client.emitter().send(SseEmitter.event().name(EVENT).id(Long.toString(level.version())).data(level));
                client.lastVersion()[0] = level.version();
            } catch (IOException | IllegalStateException e) {
                client.emitter().completeWithError(e);   // the client left; onError removes it
            }
        }
    }

    /** For tests and metrics: clients following {@code sku} here. */
    int following(String sku) {
        return clients.getOrDefault(sku, Set.of()).size();
    }
}
