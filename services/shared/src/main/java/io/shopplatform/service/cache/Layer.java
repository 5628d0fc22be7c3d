package io.shopplatform.service.cache;

/** The cache layers, in lookup order: a read tries each layer a value lives in before the loader. */
public enum Layer {
    /** L1: Caffeine in this process; evicted on every instance by product events. */
    LOCAL,
    /** L2: Redis, shared by every instance. */
    REDIS,
    /** L3: memcached, shared by every instance. */
    MEMCACHED;

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
