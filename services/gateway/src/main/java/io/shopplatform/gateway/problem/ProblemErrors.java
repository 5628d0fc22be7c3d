package io.shopplatform.gateway.problem;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself raises becomes problem+json with the right status: an unreachable service or an
 * unreachable key set is 503, a slow service 504, never a bare 500 or Boot's own error format.
 */
@Component
@Order(-2)   // before Boot's DefaultErrorWebExceptionHandler (-1)
class ProblemErrors implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrors.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        HttpStatus status = statusOf(error);
        if (status.is5xxServerError() && status != HttpStatus.SERVICE_UNAVAILABLE && status != HttpStatus.GATEWAY_TIMEOUT) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        }
        String detail = error instanceof ResponseStatusException rse && rse.getReason() != null ? rse.getReason()
                : switch (status) {
                    case SERVICE_UNAVAILABLE -> "the service is unavailable; try again shortly";
                    case GATEWAY_TIMEOUT -> "the service did not answer in time";
                    case PAYLOAD_TOO_LARGE -> "the request body is too large";
                    default -> status.getReasonPhrase();
                };
        return Problems.write(exchange, status, detail);
    }

    static HttpStatus statusOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ResponseStatusException rse) {
                return HttpStatus.valueOf(rse.getStatusCode().value());
            }
            if (t instanceof TimeoutException) {
                return HttpStatus.GATEWAY_TIMEOUT;
            }
            if (t instanceof CallNotPermittedException || t instanceof ConnectException
                    || t instanceof AuthenticationServiceException) {
                return HttpStatus.SERVICE_UNAVAILABLE;
            }
            if (t instanceof DataBufferLimitException) {
                return HttpStatus.PAYLOAD_TOO_LARGE;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
