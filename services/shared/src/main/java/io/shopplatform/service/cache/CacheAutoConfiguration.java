package io.shopplatform.service.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.model.ShopScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.spy.memcached.AddrUtil;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.auth.PlainCallbackHandler;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.PrefixedKeyArgumentPreProcessor;

/** The cache layers a service gets by depending on this library; L2 and L3 only where their servers are configured. */
@AutoConfiguration(after = {JacksonAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class})
@EnableConfigurationProperties(CacheProperties.class)
public class CacheAutoConfiguration {

    @Bean
    CacheLayers cacheLayers(CacheProperties props, ObjectMapper json, MeterRegistry meters,
                            List<RemoteLayer> remotes, Environment env) {
        List<GuardedLayer> guarded = remotes.stream()
                .sorted((a, b) -> a.layer().compareTo(b.layer()))
                .map(r -> new GuardedLayer(r, props.probeAfter(), meters))
                .toList();
        return new CacheLayers(new LocalLayer(props.localSize(), meters), guarded, json, meters, props.disabledIn(env));
    }

    /**
     * The service's one Redis client, for its caches and its own keys (sessions, login limits): every key it sends
     * is prefixed with the {@link ShopScope}'s, so no caller names a key outside its scope.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("shop.cache.redis.nodes")
    UnifiedJedis redis(CacheProperties props, ShopScope scope) {
        int millis = (int) props.timeout().toMillis();
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .password(blankToNull(props.redis().password()))
                .connectionTimeoutMillis(millis).socketTimeoutMillis(millis).build();
        Set<HostAndPort> nodes = props.redis().nodes().stream().map(HostAndPort::from).collect(Collectors.toSet());
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setMaxWait(props.timeout());
        UnifiedJedis redis = nodes.size() == 1
                ? new JedisPooled(pool, nodes.iterator().next(), config)
                : new JedisCluster(nodes, config, 1, pool);   // one attempt: a retry doubles a slow call's cost
        if (!scope.keyPrefix().isEmpty()) {
            redis.setKeyArgumentPreProcessor(new PrefixedKeyArgumentPreProcessor(scope.keyPrefix()));
        }
        return redis;
    }

    @Bean
    @ConditionalOnProperty("shop.cache.redis.nodes")
    RemoteLayer redisLayer(UnifiedJedis redis) {
        return new RedisLayer(redis);
    }

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnProperty("shop.cache.memcached.servers")
    MemcachedClient memcached(CacheProperties props) {
        CacheProperties.Memcached m = props.memcached();
        ConnectionFactoryBuilder factory = new ConnectionFactoryBuilder()
                .setProtocol(ConnectionFactoryBuilder.Protocol.BINARY)
                .setOpTimeout(props.timeout().toMillis())
                // A dead server fails its operations at once instead of queueing them until it returns.
                .setFailureMode(FailureMode.Cancel)
                .setMaxReconnectDelay(Duration.ofSeconds(2).toSeconds());
        if (m.user() != null && !m.user().isBlank()) {
            // PLAIN only: typical() offers CRAM-MD5 first, which a PLAIN-only memcached refuses as an auth failure.
            factory.setAuthDescriptor(new AuthDescriptor(new String[] {"PLAIN"},
                    new PlainCallbackHandler(m.user(), m.password())));
        }
        List<InetSocketAddress> servers = new ArrayList<>(AddrUtil.getAddresses(String.join(" ", m.servers())));
        try {
            return new MemcachedClient(factory.build(), servers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    @ConditionalOnProperty("shop.cache.memcached.servers")
    RemoteLayer memcachedLayer(MemcachedClient memcached, CacheProperties props, ShopScope scope) {
        return new MemcachedLayer(memcached, props.timeout(), scope);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
