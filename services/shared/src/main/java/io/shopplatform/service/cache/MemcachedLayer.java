package io.shopplatform.service.cache;

import io.shopplatform.model.ShopScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.spy.memcached.MemcachedClient;

/** L3: memcached through spymemcached (binary protocol, SASL PLAIN). */
final class MemcachedLayer implements RemoteLayer {

    /** memcached refuses keys longer than 250 bytes or with spaces and control characters. */
    private static final int MAX_KEY = 200;
    /** The longest expiry memcached takes as seconds from now: 30 days. */
    static final long MAX_RELATIVE_EXPIRY = Duration.ofDays(30).toSeconds();

    private final MemcachedClient memcached;
    private final Duration timeout;
    private final ShopScope scope;

    MemcachedLayer(MemcachedClient memcached, Duration timeout, ShopScope scope) {
        this.memcached = memcached;
        this.timeout = timeout;
        this.scope = scope;
    }

    @Override
    public Layer layer() {
        return Layer.MEMCACHED;
    }

    @Override
    public byte[] get(String key) {
        return (byte[]) memcached.get(scoped(key));
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        memcached.set(scoped(key), expiry(ttl, System.currentTimeMillis()), value);
    }

    /**
     * memcached reads an expiry of more than 30 days as a Unix time, so a 31-day TTL given as seconds would mean
     * "expired in January 1970": longer TTLs are sent as the absolute time they end.
     */
    static int expiry(Duration ttl, long nowMillis) {
        long seconds = ttl.toSeconds();
        return seconds <= MAX_RELATIVE_EXPIRY ? (int) seconds : (int) (nowMillis / 1000 + seconds);
    }

    @Override
    public void delete(String key) {
        // Waited for: an eviction that silently failed would leave an old price in the cache for an hour.
        try {
            memcached.delete(scoped(key)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("memcached delete of " + key + " failed", e);
        }
    }

    /** The key in this process's scope, made acceptable to memcached. */
    private String scoped(String key) {
        return safe(scope.key(key));
    }

    static String safe(String key) {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_KEY && key.chars().allMatch(c -> c > ' ' && c < 127)) {
            return key;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
