package io.shopplatform.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Token buckets in this instance's memory: what decides while Redis cannot. Each replica then allows a client the
 * full rate, so during an outage a client may get up to (replicas x rate): bounded, and nobody is locked out.
 */
final class LocalBuckets {

    private final Cache<String, Bucket> buckets;
    private final double perSecond;
    private final int burst;

    LocalBuckets(int perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        // A bucket idle longer than it takes to refill is full again: forgetting it changes nothing.
        Duration refill = Duration.ofMillis(Math.max(1000, 1000L * burst / Math.max(1, perSecond)));
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(refill).build();
    }

    /** Takes one token for {@code client}; returns the tokens left, or -1 when none was left. */
    long take(String client) {
        return buckets.get(client, k -> new Bucket(burst)).take(perSecond, burst, System.nanoTime());
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int burst) {
            this.tokens = burst;
            this.last = System.nanoTime();
        }

        synchronized long take(double perSecond, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens < 1) {
                return -1;
            }
            tokens -= 1;
            return (long) tokens;
        }
    }
}
