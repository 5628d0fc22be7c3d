package io.shopplatform.service.cache;

import io.shopplatform.model.CachePolicy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * One kind of cached data: its name (the key prefix and the metrics tag), the layers that hold it, from the
 * fastest, and how long an entry lives in each.
 *
 * @param name   short and stable: it prefixes every key in Redis and memcached
 * @param layers which of {@link Layer} hold this data
 * @param ttl    time to live in every layer that holds it
 */
public record CacheSpec(String name, Set<Layer> layers, Duration ttl) {

    public CacheSpec {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(name + " must live in at least one layer");
        }
        layers = Set.copyOf(EnumSet.copyOf(layers));
    }

    /** The layers and TTL the platform model gives a kind of data (the seed's "Cache Strategy by Data Type"). */
    public static CacheSpec of(String name, CachePolicy policy) {
        Set<Layer> layers = switch (policy.store()) {
            case REDIS -> EnumSet.of(Layer.REDIS);
            case MEMCACHED -> EnumSet.of(Layer.MEMCACHED);
            case REDIS_AND_APPLICATION -> EnumSet.of(Layer.LOCAL, Layer.REDIS);
        };
        return new CacheSpec(name, layers, policy.ttl());
    }

    /** The same data held in other layers (say, hot product details in every layer in front of memcached). */
    public CacheSpec in(Layer first, Layer... rest) {
        return new CacheSpec(name, EnumSet.of(first, rest), ttl);
    }
}
