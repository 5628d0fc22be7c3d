package io.shopplatform.gateway.security;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.gateway.GatewayProperties;
import io.shopplatform.model.EndedSessions;
import io.shopplatform.model.ShopScope;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refuses a well-signed token whose session ended early (logout, password change, account deletion): the user
 * service marks such sessions in Redis ({@link EndedSessions}) for as long as their access tokens may live, and a
 * token of a marked session is a bad token, 401. Tokens without a session (a service's own) are not looked up.
 *
 * <p>Fails open: when Redis does not answer within {@code shop.gateway.sessions.redis-timeout}, or the breaker
 * {@value #BREAKER} has opened after such failures, the token passes on its signature and expiry alone (the user
 * service still checks its sessions in PostgreSQL). Every outcome is counted,
 * {@code shop_gateway_session_checks_total{result="live|ended|unchecked"}}.
 */
@Component
class EndedSessionCheck {

    private static final Logger log = LoggerFactory.getLogger(EndedSessionCheck.class);
    static final String BREAKER = "session-check-redis";

    private enum Result { LIVE, ENDED, UNCHECKED }

    private final ReactiveStringRedisTemplate redis;
    private final ShopScope scope;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final Map<Result, Counter> checks = new EnumMap<>(Result.class);

    EndedSessionCheck(ReactiveStringRedisTemplate redis, GatewayProperties props, ShopScope scope,
                      ReactiveResilience4JCircuitBreakerFactory breakers, MeterRegistry meters) {
        this.redis = redis;
        this.scope = scope;
        this.timeout = props.sessions().redisTimeout();
        // Half of the last 10 lookups failing opens it; it lets one lookup try again after 2 s.
        this.breaker = breakers.getCircuitBreakerRegistry().circuitBreaker(BREAKER, CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(3).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(2)).permittedNumberOfCallsInHalfOpenState(1)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> log.warn("session checks: Redis breaker {}; ended sessions"
                + " are {}", e.getStateTransition(), e.getStateTransition().getToState() == CircuitBreaker.State.CLOSED
                ? "refused again" : "not seen until Redis answers (tokens pass on signature and expiry)"));
        for (Result r : Result.values()) {
            checks.put(r, Counter.builder("shop_gateway_session_checks").tag("result", r.name().toLowerCase(Locale.ROOT))
                    .description("access tokens' sessions looked up among those ended early, by result")
                    .register(meters));
        }
    }

    /** {@code token} if its session was not ended (or Redis could not tell), else a {@link BadJwtException}. */
    Mono<Jwt> live(Jwt token) {
        String session = token.getClaimAsString(EndedSessions.SESSION_CLAIM);
        if (session == null) {
            return Mono.just(token);
        }
        return redis.hasKey(scope.key(EndedSessions.key(token.getSubject(), session)))
                .timeout(timeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .map(ended -> ended ? Result.ENDED : Result.LIVE)
                .onErrorReturn(Result.UNCHECKED)
                .flatMap(result -> {
                    checks.get(result).increment();
                    return result == Result.ENDED ? Mono.error(new BadJwtException("the session has ended"))
                            : Mono.just(token);
                });
    }
}
