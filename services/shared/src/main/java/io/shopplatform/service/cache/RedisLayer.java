package io.shopplatform.service.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/** L2: Redis through Jedis (one node locally, a cluster in Kubernetes; both are a {@link UnifiedJedis}). */
final class RedisLayer implements RemoteLayer {

    private final UnifiedJedis redis;

    RedisLayer(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public Layer layer() {
        return Layer.REDIS;
    }

    @Override
    public byte[] get(String key) {
        return redis.get(bytes(key));
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        redis.set(bytes(key), value, SetParams.setParams().px(ttl.toMillis()));
    }

    @Override
    public void delete(String key) {
        redis.del(bytes(key));
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
