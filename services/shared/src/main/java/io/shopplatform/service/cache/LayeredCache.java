package io.shopplatform.service.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache-aside over the layers of one {@link CacheSpec} (less any disabled ones): a read tries each layer in order, then the loader, and
 * fills the layers it missed. Made by {@link CacheLayers#cache}.
 *
 * <p>Concurrent misses of one key run the loader once on this instance; the others wait for its result (no
 * stampede on the database when a hot key expires). A value loaded while an eviction happened is returned but not
 * cached, so an update that raced with the load cannot leave the old value behind.
 */
public final class LayeredCache<V> {

    private static final Logger log = LoggerFactory.getLogger(LayeredCache.class);
    private static final int STRIPES = 1024;

    private final String name;
    private final Duration ttl;
    private final LocalLayer local;
    private final List<GuardedLayer> remotes;
    private final ObjectMapper json;
    private final JavaType type;
    private final CacheMetrics metrics;
    private final ConcurrentHashMap<String, CompletableFuture<V>> loading = new ConcurrentHashMap<>();
    /** Evictions counted per stripe of keys: a load compares its key's stripe before and after. */
    private final AtomicLongArray evictions = new AtomicLongArray(STRIPES);

    /** {@code local} is null and {@code remotes} hold only the layers this cache uses. */
    LayeredCache(String name, Duration ttl, LocalLayer local, List<GuardedLayer> remotes, ObjectMapper json,
                 JavaType type, CacheMetrics metrics) {
        this.name = name;
        this.ttl = ttl;
        this.local = local;
        this.remotes = remotes;
        this.json = json;
        this.type = type;
        this.metrics = metrics;
    }

    /** The cached value for {@code key}, or what {@code loader} returns; a null from the loader is not cached. */
    @SuppressWarnings("unchecked")
    public V get(String key, Supplier<V> loader) {
        String k = name + ':' + key;
        if (local != null) {
            Object hit = local.get(k);
            metrics.lookup(Layer.LOCAL, hit != null);
            if (hit != null) {
                return (V) hit;
            }
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = loading.putIfAbsent(k, mine);
        if (running != null) {
            metrics.coalesced();
            return join(running);
        }
        try {
            V value = readThrough(k, loader);
            mine.complete(value);
            return value;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(k, mine);
        }
    }

    /**
     * Loads {@code key} now and overwrites it in every layer: a background job's refresh, so readers keep getting
     * the previous value until the new one is in place and never wait for the load.
     */
    public V refresh(String key, Supplier<V> loader) {
        String k = name + ':' + key;
        long evictionsBefore = evictions.get(stripe(k));
        V value = metrics.load(loader);
        if (value != null) {
            fill(k, value, encode(value), remotes, evictionsBefore);
        }
        return value;
    }

    /**
     * Removes {@code key} from every layer (the writer, right after its commit; every instance, on the event),
     * bottom-up: memcached, then Redis, then L1, so a read between two deletes finds nothing older above what it
     * copies from; loads that overlap the eviction on this instance are not cached (the stripe fence counts before
     * and after). An eviction a layer could not take is replayed when the layer answers again.
     */
    public void evict(String key) {
        String k = name + ':' + key;
        evictions.incrementAndGet(stripe(k));
        for (int i = remotes.size() - 1; i >= 0; i--) {
            GuardedLayer remote = remotes.get(i);
            if (!remote.delete(k)) {
                log.warn("could not evict {} from {} now; replayed when it answers again", k, remote.layer().tag());
            }
        }
        evictLocal(key);
    }

    /** Removes {@code key} from this instance's L1 only. */
    public void evictLocal(String key) {
        String k = name + ':' + key;
        evictions.incrementAndGet(stripe(k));
        if (local != null) {
            local.evict(k);
        }
    }

    private V readThrough(String k, Supplier<V> loader) {
        long evictionsBefore = evictions.get(stripe(k));
        for (int i = 0; i < remotes.size(); i++) {
            GuardedLayer remote = remotes.get(i);
            byte[] bytes = remote.get(k);
            V value = bytes == null ? null : decode(k, bytes);
            metrics.lookup(remote.layer(), value != null);
            if (value != null) {
                fill(k, value, bytes, remotes.subList(0, i), evictionsBefore);
                return value;
            }
        }
        V value = metrics.load(loader);
        if (value != null) {
            fill(k, value, encode(value), remotes, evictionsBefore);
        }
        return value;
    }

    private void fill(String k, V value, byte[] bytes, List<GuardedLayer> missed, long evictionsBefore) {
        if (evictions.get(stripe(k)) != evictionsBefore) {
            return;   // an update evicted while we read: what we hold may be the old value
        }
        for (GuardedLayer remote : missed) {
            remote.put(k, bytes, ttl);
        }
        if (local != null) {
            local.put(k, value, bytes.length, ttl);
        }
    }

    private static int stripe(String k) {
        return Math.floorMod(k.hashCode(), STRIPES);
    }

    private V join(CompletableFuture<V> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private V decode(String k, byte[] bytes) {
        try {
            // Leniently: an entry written by a newer release (one more field) is still a hit for an older one.
            return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(bytes);
        } catch (IOException e) {
            log.warn("unreadable cache entry {} (treated as a miss): {}", k, e.getMessage());
            return null;
        }
    }

    private byte[] encode(V value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a " + value.getClass().getName(), e);
        }
    }
}
