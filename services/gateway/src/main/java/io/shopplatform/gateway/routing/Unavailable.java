package io.shopplatform.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

import io.shopplatform.gateway.problem.Problems;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's breaker forwards a request it gave up on: 504 when the service was too slow, otherwise 503
 * (down, refusing connections, answering 502/503, or its breaker open) with a hint when to come back.
 */
@RestController
class Unavailable {

    @RequestMapping(ModelRoutes.FALLBACK)
    Mono<Void> fallback(ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause instanceof TimeoutException) {
            return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "the service did not answer in time");
        }
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "the service is unavailable; try again shortly");
    }
}
