package io.shopplatform.service.cache;

import java.time.Duration;

/** A shared cache server (L2 or L3) seen as bytes; implementations may throw when the server is unreachable. */
interface RemoteLayer {

    Layer layer();

    byte[] get(String key);

    void put(String key, byte[] value, Duration ttl);

    void delete(String key);
}
