package io.shopplatform.service.cache;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote layer that never fails a read: when its server is down, a lookup is a miss and a write is dropped, so
 * the request falls through to the next layer or the database. A circuit breaker stops calling a dead server (no
 * timeout paid per request) and probes it again on its own, so the layer comes back without a restart.
 */
final class GuardedLayer {

    private static final Logger log = LoggerFactory.getLogger(GuardedLayer.class);

    private final RemoteLayer layer;
    private final CircuitBreaker breaker;
    private final Counter errors;
    /** Bounded: past it, a missed eviction is logged and its entry lives until its TTL. */
    private static final int MAX_PENDING_EVICTIONS = 100_000;
    private final Set<String> failedEvictions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean replaying = new AtomicBoolean();

    GuardedLayer(RemoteLayer layer, Duration probeAfter, MeterRegistry meters) {
        this.layer = layer;
        this.breaker = CircuitBreaker.of(layer.layer().tag(), CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(probeAfter)
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
        this.errors = Counter.builder("shop.cache.errors").tag("layer", layer.layer().tag())
                .description("calls to a cache layer that failed (the request fell through)").register(meters);
        // A layer being probed (half open) is not known to be up: it counts as down until its probes succeed.
        Gauge.builder("shop.cache.layer.up", breaker, b -> b.getState() == CircuitBreaker.State.CLOSED ? 1 : 0)
                .tag("layer", layer.layer().tag())
                .description("1 while the layer is used, 0 while its circuit is open or probing").register(meters);
        breaker.getEventPublisher().onStateTransition(e -> {
            switch (e.getStateTransition().getToState()) {
                case OPEN -> log.warn("cache layer {} is unavailable; reads fall through to the next layer",
                        layer.layer().tag());
                case CLOSED -> log.info("cache layer {} is back", layer.layer().tag());
                default -> { }
            }
        });
    }

    Layer layer() {
        return layer.layer();
    }

    byte[] get(String key) {
        return call(() -> layer.get(key));
    }

    void put(String key, byte[] value, Duration ttl) {
        call(() -> {
            layer.put(key, value, ttl);
            return null;
        });
    }

    /**
     * Returns false when the eviction may not have happened (the server was unreachable): the key is then kept and
     * deleted again after the next call that succeeds, so the old value does not return once a partition heals.
     */
    boolean delete(String key) {
        boolean done = call(() -> {
            layer.delete(key);
            return Boolean.TRUE;
        }) != null;
        if (!done) {
            if (failedEvictions.size() < MAX_PENDING_EVICTIONS) {
                failedEvictions.add(key);
            } else {
                log.warn("cache layer {}: {} evictions already wait for it; {} keeps its value until its TTL",
                        layer.layer().tag(), MAX_PENDING_EVICTIONS, key);
            }
        }
        return done;
    }

    private void replayEvictions() {
        for (String key : failedEvictions) {
            try {
                breaker.executeRunnable(() -> layer.delete(key));
                failedEvictions.remove(key);
            } catch (RuntimeException e) {
                return;   // down again: the rest wait for the next success
            }
        }
        log.info("cache layer {}: evictions missed while it was unreachable are replayed", layer.layer().tag());
    }

    private <T> T call(Supplier<T> call) {
        try {
            T result = breaker.executeSupplier(call);
            if (!failedEvictions.isEmpty() && replaying.compareAndSet(false, true)) {
                // Off the caller's thread: the request that first reaches the layer again must not pay for the
                // backlog of deletes a partition left behind.
                CompletableFuture.runAsync(this::replayEvictions).whenComplete((done, e) -> replaying.set(false));
            }
            return result;
        } catch (CallNotPermittedException open) {
            return null;
        } catch (RuntimeException e) {
            errors.increment();
            log.debug("cache layer {} failed", layer.layer().tag(), e);
            return null;
        }
    }
}
