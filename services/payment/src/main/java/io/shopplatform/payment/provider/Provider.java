package io.shopplatform.payment.provider;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One provider behind its own resilience: a call waits for a bulkhead slot, passes the circuit breaker, is bounded by
 * the time limiter ({@link ProviderHttp}), and is retried with exponential backoff and jitter only when the provider
 * certainly did nothing ({@link ProviderFailure.Kind#NOT_DONE}). A timeout is never retried blindly: the caller asks
 * the provider first ({@link #lookup}). An open breaker or a full bulkhead is a {@code NOT_DONE} failure at once.
 */
public final class Provider {

    private final ProviderName name;
    private final ProviderApi api;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Bulkhead bulkhead;

    Provider(ProviderName name, ProviderApi api, CircuitBreaker breaker, Retry retry, Bulkhead bulkhead) {
        this.name = name;
        this.api = api;
        this.breaker = breaker;
        this.retry = retry;
        this.bulkhead = bulkhead;
    }

    public ProviderName name() {
        return name;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    public CardDetails card(String token) {
        return call(() -> api.card(token));
    }

    public ChargeResult authorize(Charge charge) {
        return call(() -> api.authorize(charge));
    }

    public Optional<ChargeResult> lookup(String idempotencyKey) {
        return call(() -> api.lookup(idempotencyKey));
    }

    public void capture(String reference, BigDecimal amount, String currency, String idempotencyKey) {
        call(() -> {
            api.capture(reference, amount, currency, idempotencyKey);
            return null;
        });
    }

    public void voidAuthorization(String reference, String idempotencyKey) {
        call(() -> {
            api.voidAuthorization(reference, idempotencyKey);
            return null;
        });
    }

    public String refund(String reference, BigDecimal amount, String currency, String idempotencyKey) {
        return call(() -> api.refund(reference, amount, currency, idempotencyKey));
    }

    private <T> T call(Supplier<T> call) {
        Supplier<T> guarded = Retry.decorateSupplier(retry,
                CircuitBreaker.decorateSupplier(breaker, Bulkhead.decorateSupplier(bulkhead, call)));
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new ProviderFailure(name, ProviderFailure.Kind.NOT_DONE, "circuit_open", "circuit breaker open", e);
        } catch (BulkheadFullException e) {
            throw new ProviderFailure(name, ProviderFailure.Kind.NOT_DONE, "busy", "too many calls in flight", e);
        }
    }
}
