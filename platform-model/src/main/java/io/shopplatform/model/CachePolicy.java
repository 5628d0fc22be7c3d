package io.shopplatform.model;

import java.time.Duration;

/**
 * How one kind of data is cached (the seed's "Cache Strategy by Data Type").
 *
 * @param data         what is cached, by the name services look it up with ({@link Platform#cache(String)})
 * @param pattern      how writes reach the cache; with {@code invalidation}, the seed's contract for the service
 *                     that owns the data (services read {@code store} and {@code ttl} today)
 * @param invalidation what removes an entry before its TTL
 */
public record CachePolicy(String data, Store store, Duration ttl, Pattern pattern, String invalidation) {
    public enum Store { REDIS, MEMCACHED, REDIS_AND_APPLICATION }
    public enum Pattern { CACHE_ASIDE, WRITE_THROUGH }

    public CachePolicy {
        Checks.name(data, "cached data");
        Checks.required(store, data + ": store");
        Checks.positive(ttl, data + ": TTL");
        Checks.required(pattern, data + ": pattern");
        Checks.required(invalidation, data + ": invalidation");
    }

    public static Builder builder(String data) {
        return new Builder(data);
    }

    public static final class Builder {
        private final String data;
        private Store store;
        private Duration ttl;
        private Pattern pattern;
        private String invalidation;

        private Builder(String data) {
            this.data = data;
        }

        public Builder store(Store value) { store = value; return this; }
        public Builder ttl(Duration value) { ttl = value; return this; }
        public Builder pattern(Pattern value) { pattern = value; return this; }
        public Builder invalidatedBy(String value) { invalidation = value; return this; }

        public CachePolicy build() {
            return new CachePolicy(data, store, ttl, pattern, invalidation);
        }
    }
}
