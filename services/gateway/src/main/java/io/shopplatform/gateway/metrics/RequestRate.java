package io.shopplatform.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLongArray;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code requests_per_second}: this instance's request rate over the last {@link #WINDOW} full seconds, the custom
 * metric the model's HPA scales the gateway on (above 1,000 per pod adds pods).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestRate implements WebFilter {

    static final int WINDOW = 10;
    /** One slot per second, reused every {@code WINDOW + 1} seconds; the current second is still filling. */
    private final AtomicLongArray counts = new AtomicLongArray(WINDOW + 1);
    private final AtomicLongArray seconds = new AtomicLongArray(WINDOW + 1);

    RequestRate(MeterRegistry meters) {
        Gauge.builder("requests_per_second", this, RequestRate::perSecond)
                .description("requests per second over the last " + WINDOW + " s (HPA metric)").register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long now = System.currentTimeMillis() / 1000;
        int slot = (int) (now % counts.length());
        long was = seconds.get(slot);
        if (was != now && seconds.compareAndSet(slot, was, now)) {
            counts.set(slot, 0);
        }
        counts.incrementAndGet(slot);
        return chain.filter(exchange);
    }

    double perSecond() {
        long now = System.currentTimeMillis() / 1000;
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            long s = seconds.get(i);
            if (s < now && s >= now - WINDOW) {
                total += counts.get(i);
            }
        }
        return (double) total / WINDOW;
    }
}
