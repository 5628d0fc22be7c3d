package io.shopplatform.gateway.edge;

import io.shopplatform.gateway.GatewayProperties;
import io.shopplatform.gateway.problem.Problems;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The edge's checks on a request body, before a service spends anything on it: larger than
 * {@code shop.gateway.max-body-size} is 413 (by its Content-Length, or counted as it streams when chunked), and a
 * body that is not JSON is 415: the public API speaks JSON only.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class BodyChecks implements WebFilter {

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final long max;

    BodyChecks(GatewayProperties props) {
        this.max = props.maxBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        long length = headers.getContentLength();
        boolean chunked = headers.containsKey(HttpHeaders.TRANSFER_ENCODING);
        if (length > max) {
            return Problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE,
                    "the request body has " + length + " bytes; at most " + max + " are accepted");
        }
        if ((length > 0 || chunked) && WITH_BODY.contains(request.getMethod()) && !isJson(headers.getContentType())) {
            return Problems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type "
                    + (headers.getContentType() == null ? "(none)" : headers.getContentType())
                    + " is not supported; send application/json");
        }
        if (!chunked) {
            return chain.filter(exchange);
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnNext(b -> {
                    if (seen.addAndGet(b.readableByteCount()) > max) {
                        DataBufferUtils.release(b);
                        throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE,
                                "the request body is larger than " + max + " bytes");
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static boolean isJson(MediaType type) {
        return type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || "json".equals(type.getSubtypeSuffix()));
    }
}
