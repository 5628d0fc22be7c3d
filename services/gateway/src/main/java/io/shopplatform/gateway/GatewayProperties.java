package io.shopplatform.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings ({@code shop.gateway.*}).
 *
 * @param cors           origins a browser may call the API from: the storefront's own, nothing else
 * @param maxBodySize    larger request bodies get 413 at the edge
 * @param rateLimit      per client (subject of the token, else address), shared by every replica through Redis
 * @param backend        how long a service may take and when its breaker opens
 * @param trustedProxies proxies in front whose {@code X-Forwarded-For} entry names the client (the load balancer)
 * @param sessions       the check of every token's session against those the user service marked ended
 */
@ConfigurationProperties("shop.gateway")
public record GatewayProperties(@DefaultValue Cors cors, @DefaultValue("1MB") DataSize maxBodySize,
                                @DefaultValue RateLimit rateLimit,
                                @DefaultValue Backend backend, @DefaultValue("0") int trustedProxies,
                                Sessions sessions) {

    public GatewayProperties {
        if (sessions == null) {
            throw new IllegalArgumentException("shop.gateway.sessions.redis-timeout is not set");
        }
    }

    public record Cors(@DefaultValue List<String> allowedOrigins) {}

    /**
     * @param replenishPerSecond tokens a client gets back per second (its sustained rate)
     * @param burst              the most a client may send at once
     * @param redisTimeout       the longest a request waits for Redis before the local limiter decides
     */
    public record RateLimit(@DefaultValue("50") int replenishPerSecond, @DefaultValue("100") int burst,
                            @DefaultValue("150ms") Duration redisTimeout) {}

    /**
     * @param redisTimeout the longest a request waits for Redis before its token passes on signature and expiry
     *                     alone (application.yml: 150 ms, no default here)
     */
    public record Sessions(Duration redisTimeout) {
        public Sessions {
            if (redisTimeout == null || redisTimeout.isNegative() || redisTimeout.isZero()) {
                throw new IllegalArgumentException("shop.gateway.sessions.redis-timeout must be a positive duration,"
                        + " not " + redisTimeout);
            }
        }
    }

    /**
     * @param timeout             a service slower than this answers 504
     * @param failureRatePercent  failed share of the last {@code window} calls that opens a route's breaker
     * @param openFor             how long an open breaker answers 503 before it lets trial calls through
     * @param maxConcurrentCalls  calls one gateway instance has in flight to one service at once; more are 503
     */
    public record Backend(@DefaultValue("5s") Duration timeout, @DefaultValue("50") int failureRatePercent,
                          @DefaultValue("20") int window, @DefaultValue("10") int minimumCalls,
                          @DefaultValue("10s") Duration openFor, @DefaultValue("1") int retries,
                          @DefaultValue("500") int maxConcurrentCalls) {}
}
