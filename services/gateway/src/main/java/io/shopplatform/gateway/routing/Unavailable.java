package io.shopplatform.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.shopplatform.gateway.problem.Problems;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Where a route's breaker forwards a request it gave up on: 504 when the service was too slow, otherwise 503
 * (down, refusing connections, answering 502/503, or its breaker open) with a hint when to come back.
 * A functional route rather than a controller: the forward keeps the request's method, so it must answer every
 * method, and it answers only forwarded requests (a caller asking for it directly gets 404): it changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class Unavailable {

    private static final Logger log = LoggerFactory.getLogger(Unavailable.class);

    @Bean
    RouterFunction<ServerResponse> unavailableFallback() {
        return RouterFunctions.route(RequestPredicates.path(ModelRoutes.FALLBACK), Unavailable::answer);
    }

    private static Mono<ServerResponse> answer(ServerRequest request) {
        Throwable cause = request.exchange().getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause == null) {
            return problem(request, HttpStatus.NOT_FOUND, "no such resource", null);
        }
        if (!(cause instanceof CallNotPermittedException)) {
            // A failure the breaker counted (at most its window's worth before it opens): say what it was.
            log.warn("{} {} failed: {}", request.method(), request.path(), cause.toString());
        }
        if (cause instanceof TimeoutException) {
            return problem(request, HttpStatus.GATEWAY_TIMEOUT, "the service did not answer in time", null);
        }
        return problem(request, HttpStatus.SERVICE_UNAVAILABLE, "the service is unavailable; try again shortly", "5");
    }

    private static Mono<ServerResponse> problem(ServerRequest request, HttpStatus status, String detail,
                                                String retryAfterSeconds) {
        ServerResponse.BodyBuilder response = ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfterSeconds != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        return response.bodyValue(Problems.of(status, detail, request.exchange()));
    }
}
