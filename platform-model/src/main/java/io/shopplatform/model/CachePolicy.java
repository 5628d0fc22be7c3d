package io.shopplatform.model;

import java.time.Duration;

/** How one kind of data is cached (the seed's "Cache Strategy by Data Type"). */
public record CachePolicy(String data, Store store, Duration ttl, Pattern pattern, String invalidation) {
    public enum Store { REDIS, MEMCACHED, REDIS_AND_APPLICATION }
    public enum Pattern { CACHE_ASIDE, WRITE_THROUGH }
}
