package io.shopplatform.gateway.ratelimit;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * Redis as the model's wiring names it ({@code SHOP_REDIS_NODES}, {@code SHOP_REDIS_PASSWORD}): one node locally,
 * the Redis Cluster's nodes in Kubernetes. Authentication is always on.
 */
@Component
class RedisNodes implements RedisConnectionDetails {

    private final List<Node> nodes;
    private final String password;

    RedisNodes(@Value("${shop.gateway.redis.nodes}") String nodes,
               @Value("${shop.gateway.redis.password}") String password) {
        this.nodes = Arrays.stream(nodes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
            int colon = s.lastIndexOf(':');
            return new Node(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        }).toList();
        this.password = password;
        if (this.nodes.isEmpty()) {
            throw new IllegalArgumentException("SHOP_REDIS_NODES names no Redis node");
        }
    }

    @Override
    public String getPassword() {
        return password;
    }

    @Override
    public Standalone getStandalone() {
        return nodes.size() == 1 ? Standalone.of(nodes.get(0).host(), nodes.get(0).port()) : null;
    }

    @Override
    public Cluster getCluster() {
        return nodes.size() == 1 ? null : () -> nodes;
    }
}
