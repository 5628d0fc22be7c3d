package io.shopplatform.gateway.edge;

import io.shopplatform.gateway.GatewayProperties;
import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A client's {@code X-Forwarded-For} is a claim, like an identity header: the services read the client address
 * from it (the user service limits logins per address), so a client that wrote its own could pick a fresh address
 * per attempt. Only the entries of the trusted proxies in front ({@code shop.gateway.trusted-proxies}: the load
 * balancer) are believed: the header goes on holding just the client address they name, or the connection's
 * address when nothing in front is trusted. (Spring Cloud Gateway adds no entry of its own unless its
 * {@code trusted-proxies} pattern is set, so this is the only one.) {@code Forwarded} is dropped for the same reason.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ForwardedFor implements WebFilter {

    private static final String FORWARDED = "Forwarded";   // RFC 7239

    private final XForwardedRemoteAddressResolver trusted;

    ForwardedFor(GatewayProperties props) {
        this.trusted = props.trustedProxies() > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(props.trustedProxies()) : null;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        InetSocketAddress client = trusted != null ? trusted.resolve(exchange) : exchange.getRequest().getRemoteAddress();
        return chain.filter(exchange.mutate().request(r -> r.headers(h -> {
            h.remove(FORWARDED);
            h.remove(XForwardedRemoteAddressResolver.X_FORWARDED_FOR);
            if (client != null && client.getHostString() != null) {
                h.set(XForwardedRemoteAddressResolver.X_FORWARDED_FOR, client.getHostString());
            }
        })).build());
    }
}
