package io.shopplatform.gateway.ratelimit;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import io.shopplatform.gateway.problem.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A route's per-client limit. What the gateway's own RequestRateLimiter filter does, except that a refused call
 * gets what every other gateway error gets, a problem+json body, and {@code Retry-After}: the seconds until the
 * client's bucket holds a token again.
 */
public final class ClientLimit implements GatewayFilter {

    private final RateLimits limits;
    private final KeyResolver clients;
    private final String retryAfterSeconds;

    public ClientLimit(RateLimits limits, KeyResolver clients) {
        this.limits = limits;
        this.clients = clients;
        this.retryAfterSeconds = String.valueOf((long) Math.max(1, Math.ceil(1.0 / limits.replenishPerSecond())));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getRequiredAttribute(GATEWAY_ROUTE_ATTR);
        return clients.resolve(exchange).defaultIfEmpty("unknown").flatMap(client -> limits.isAllowed(route.getId(), client)).flatMap(answer -> {
            answer.getHeaders().forEach(exchange.getResponse().getHeaders()::add);
            if (answer.isAllowed()) {
                return chain.filter(exchange);
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
            return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                    "too many requests from this client; try again in " + retryAfterSeconds + " s");
        });
    }
}
