package io.shopplatform.gateway.edge;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every request carries an {@code X-Request-Id} to the service and back to the caller, so one id finds a request
 * in every log. A caller's own id is kept when it looks like one (a client retrying keeps its id); anything else
 * (too long, odd characters that could forge log lines) is replaced.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && ACCEPTABLE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ServerWebExchange tagged = exchange.mutate().request(r -> r.headers(h -> h.set(HEADER, id))).build();
        // Set just before the answer goes out, so error handlers that reset the response keep it too.
        tagged.getResponse().beforeCommit(() -> {
            tagged.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        return chain.filter(tagged);
    }
}
