package io.shopplatform.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.gateway.GatewayProperties;
import io.shopplatform.model.ShopScope;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /** Primary over the gateway's own RedisRateLimiter, whose script it runs with a time limit and a fallback. */
    @Bean
    @Primary
    RateLimits rateLimits(ReactiveStringRedisTemplate redis,
                          @Qualifier("redisRequestRateLimiterScript") RedisScript<List<Long>> script,
                          GatewayProperties props, ShopScope scope, ReactiveResilience4JCircuitBreakerFactory breakers,
                          MeterRegistry meters) {
        return new RateLimits(redis, script, props.rateLimit(), scope, breakers.getCircuitBreakerRegistry(), meters);
    }

    /**
     * A client is the subject of its verified token, else its address: the connection's, or the one the trusted
     * proxies in front (the load balancer) wrote into X-Forwarded-For; a client cannot choose its own bucket.
     */
    @Bean
    KeyResolver clients(GatewayProperties props) {
        XForwardedRemoteAddressResolver addresses = props.trustedProxies() > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(props.trustedProxies()) : null;
        return exchange -> exchange.getPrincipal().map(p -> "user:" + p.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    var address = addresses != null ? addresses.resolve(exchange)
                            : exchange.getRequest().getRemoteAddress();
                    return "ip:" + (address == null ? "unknown" : address.getAddress().getHostAddress());
                }));
    }
}
