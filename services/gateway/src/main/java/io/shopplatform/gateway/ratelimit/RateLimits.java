package io.shopplatform.gateway.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.gateway.GatewayProperties;
import io.shopplatform.model.ShopScope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Per-client token buckets shared by every gateway replica: Spring Cloud Gateway's own Redis script (the one its
 * RedisRateLimiter runs), called with a time limit and behind a breaker. When Redis is slow or gone the request
 * waits at most {@code shop.gateway.rate-limit.redis-timeout} once, then the breaker opens and {@link LocalBuckets}
 * decide at no extra cost until Redis answers again. Unlike RedisRateLimiter, which silently allows everything
 * when Redis fails, every local decision is counted ({@code shop_rate_limit_decisions_total{store="local"}}) and
 * the breaker's opening is logged.
 */
public class RateLimits implements RateLimiter<Object> {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
    static final String BREAKER = "rate-limit-redis";

    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List<Long>> script;
    private final GatewayProperties.RateLimit limit;
    private final ShopScope scope;
    private final LocalBuckets local;
    private final CircuitBreaker breaker;
    private final Counter sharedDecisions, localDecisions;

    public RateLimits(ReactiveStringRedisTemplate redis, RedisScript<List<Long>> script,
                      GatewayProperties.RateLimit limit, ShopScope scope, CircuitBreakerRegistry breakers,
                      MeterRegistry meters) {
        this.redis = redis;
        this.script = script;
        this.limit = limit;
        this.scope = scope;
        this.local = new LocalBuckets(limit.replenishPerSecond(), limit.burst());
        this.breaker = breakers.circuitBreaker(BREAKER, CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(3).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(2)).permittedNumberOfCallsInHalfOpenState(1)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> log.warn("rate limits: Redis breaker {}; limits are {}",
                e.getStateTransition(), e.getStateTransition().getToState() == CircuitBreaker.State.CLOSED
                        ? "shared again" : "per instance until Redis answers"));
        this.sharedDecisions = Counter.builder("shop_rate_limit_decisions").tag("store", "redis")
                .description("rate limit decisions, by where they were made").register(meters);
        this.localDecisions = Counter.builder("shop_rate_limit_decisions").tag("store", "local")
                .description("rate limit decisions, by where they were made").register(meters);
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String client) {
        // RedisRateLimiter's keys (in this process's scope): one bucket per client across routes and replicas.
        String prefix = scope.key("request_rate_limiter.{" + client + "}.");
        List<String> keys = List.of(prefix + "tokens", prefix + "timestamp");
        List<String> args = List.of(String.valueOf(limit.replenishPerSecond()), String.valueOf(limit.burst()), "", "1");
        return redis.execute(script, keys, args).next()
                .timeout(limit.redisTimeout())
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .map(r -> {
                    sharedDecisions.increment();
                    return response(r.get(0) == 1L, r.get(1));
                })
                .onErrorResume(e -> {
                    localDecisions.increment();
                    long left = local.take(client);
                    return Mono.just(response(left >= 0, Math.max(left, 0)));
                });
    }

    /** The tokens a client gets back per second. */
    int replenishPerSecond() {
        return limit.replenishPerSecond();
    }

    private Response response(boolean allowed, long left) {
        return new Response(allowed, Map.of("X-RateLimit-Remaining", String.valueOf(left),
                "X-RateLimit-Replenish-Rate", String.valueOf(limit.replenishPerSecond()),
                "X-RateLimit-Burst-Capacity", String.valueOf(limit.burst())));
    }

    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }

    @Override
    public Class<Object> getConfigClass() {
        return Object.class;
    }

    @Override
    public Object newConfig() {
        return new Object();
    }
}
