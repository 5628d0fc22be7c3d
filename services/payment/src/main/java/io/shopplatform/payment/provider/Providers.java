package io.shopplatform.payment.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.payment.PaymentProperties;
import java.net.http.HttpClient;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Both providers, each with a breaker, retry, bulkhead and time limiter of its own (named after it, so the metrics
 * {@code resilience4j_circuitbreaker_state{name="stripe"}} etc. tell them apart), and which one is tried first.
 */
@Component
public class Providers {

    private final Map<ProviderName, Provider> providers = new EnumMap<>(ProviderName.class);
    private final ProviderName primary;

    Providers(PaymentProperties props, ObjectMapper json, MeterRegistry meters) {
        PaymentProperties.Resilience r = props.resilience();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(r.breaker().window())
                .minimumNumberOfCalls(r.breaker().minimumCalls())
                .failureRateThreshold(r.breaker().failureRate())
                .slowCallDurationThreshold(r.breaker().slowCall())
                .slowCallRateThreshold(r.breaker().slowCallRate())
                .waitDurationInOpenState(r.breaker().openFor())
                .permittedNumberOfCallsInHalfOpenState(r.breaker().halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // A refusal (4xx) is the provider working; our own full bulkhead says nothing about the provider.
                .recordException(e -> e instanceof ProviderFailure f && f.kind() != ProviderFailure.Kind.REFUSED)
                .ignoreExceptions(BulkheadFullException.class)
                .build());
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(r.retry().attempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(r.retry().firstBackoff(),
                        r.retry().multiplier(), r.retry().jitter()))
                .retryOnException(e -> e instanceof ProviderFailure f && f.kind() == ProviderFailure.Kind.NOT_DONE)
                .build());
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(r.bulkhead().concurrentCalls())
                .maxWaitDuration(r.bulkhead().maxWait())
                .build());
        TimeLimiterConfig limit = TimeLimiterConfig.custom().timeoutDuration(r.callTimeout())
                .cancelRunningFuture(true).build();
        for (ProviderName name : ProviderName.values()) {
            PaymentProperties.Endpoint endpoint = props.providers().get(name.id());
            if (endpoint == null || endpoint.url() == null) {
                throw new IllegalStateException("shop.payment.providers." + name.id() + ".url is not set");
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(r.connectTimeout()).build();
            TimeLimiter limiter = TimeLimiter.of(name.id(), limit);
            ProviderHttp calls = new ProviderHttp(name, http, endpoint.url(), endpoint.key(),
                    name.model().idempotencyHeader(), limiter, json);
            ProviderApi api = switch (name) {
                case STRIPE -> new StripeApi(calls);
                case PAYPAL -> new PaypalApi(calls);
            };
            providers.put(name, new Provider(name, api, breakers.circuitBreaker(name.id()), retries.retry(name.id()),
                    bulkheads.bulkhead(name.id())));
        }
        this.primary = ProviderName.of(props.primary());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
    }

    public Provider get(ProviderName name) {
        return providers.get(name);
    }

    /** The primary first, then the fallback. */
    public List<Provider> inOrder() {
        ProviderName secondary = primary == ProviderName.STRIPE ? ProviderName.PAYPAL : ProviderName.STRIPE;
        return List.of(providers.get(primary), providers.get(secondary));
    }
}
