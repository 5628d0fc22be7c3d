package io.shopplatform.gateway.edge;

import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Removes every header a client could use to claim an identity ({@code X-User-Id}, {@code X-Roles},
 * {@code X-Forwarded-User}, ...) before anything else reads the request: identity comes from a verified token only.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class IdentityHeaders implements WebFilter {

    /** Header names, lower case, that are identity claims; a name starting with one of these is one too. */
    static final List<String> PREFIXES = List.of("x-user", "x-auth", "x-role", "x-forwarded-user",
            "x-forwarded-email", "x-forwarded-groups", "x-remote-user", "remote-user", "x-principal",
            "x-client-cert", "x-ssl-client", "x-customer", "x-admin", "x-internal");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        List<String> spoofed = headers.keySet().stream().filter(IdentityHeaders::isIdentity).toList();
        if (spoofed.isEmpty()) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(r -> r.headers(h -> spoofed.forEach(h::remove))).build());
    }

    static boolean isIdentity(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return PREFIXES.stream().anyMatch(name::startsWith);
    }
}
