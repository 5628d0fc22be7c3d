package io.shopplatform.service.scope;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shopplatform.model.ShopScope;
import io.shopplatform.service.cache.CacheAutoConfiguration;
import io.shopplatform.service.cache.CacheLayers;
import io.shopplatform.service.cache.CacheSpec;
import io.shopplatform.service.cache.Layer;
import io.shopplatform.service.cache.LayeredCache;
import io.shopplatform.testing.DataTier;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import redis.clients.jedis.UnifiedJedis;

/**
 * The scope on the shared tier's Redis and memcached, as a service gets it from {@code shop.scope}: every key a
 * scoped process writes (through a cache or the Redis client directly) is the unscoped key behind the scope's prefix,
 * and the empty scope writes the keys as they are. Topics: {@code EventConsumersIntegrationTests},
 * {@code OutboxRelayIntegrationTests}; the search index: the product service's {@code SearchIntegrationTests}.
 */
class ShopScopeIntegrationTests {

    static final CacheSpec SPEC = new CacheSpec("scope-test", EnumSet.of(Layer.REDIS, Layer.MEMCACHED),
            Duration.ofMinutes(1));

    final DataTier tier = DataTier.shared();
    final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ScopeAutoConfiguration.class, JacksonAutoConfiguration.class,
                    CacheAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("shop.cache.redis.nodes=" + tier.redisNodes(),
                    "shop.cache.redis.password=" + tier.redisPassword(),
                    "shop.cache.memcached.servers=" + tier.memcachedServers(),
                    "shop.cache.memcached.user=" + tier.memcached().user(),
                    "shop.cache.memcached.password=" + tier.memcached().password());

    @Test
    void withoutAScopeAServiceIsTheShopItself() {
        service.run(context -> assertThat(context.getBean(ShopScope.class)).isEqualTo(ShopScope.NONE));
        service.withPropertyValues(ShopScope.PROPERTY + "=test")
                .run(context -> assertThat(context.getBean(ShopScope.class)).isEqualTo(DataTier.TESTS));
    }

    @Test
    void aScopedServicesCacheEntriesAndOwnKeysLieBehindItsPrefix() {
        String key = UUID.randomUUID().toString();
        inBoth(DataTier.TESTS, (scoped, raw) -> {
            cache(scoped).get(key, () -> "value");
            scoped.getBean(UnifiedJedis.class).set("own:" + key, "1");   // a direct user, say the user's sessions

            UnifiedJedis redis = raw.getBean(UnifiedJedis.class);
            assertThat(redis.exists("test:scope-test:" + key)).isTrue();
            assertThat(redis.exists("test:own:" + key)).isTrue();
            assertThat(redis.exists("scope-test:" + key)).isFalse();
            assertThat(raw.getBean(MemcachedClient.class).get("test:scope-test:" + key)).isNotNull();
            assertThat(raw.getBean(MemcachedClient.class).get("scope-test:" + key)).isNull();
            // The developer's shop, on the same servers, does not see the tests' entry.
            assertThat(cache(raw).get(key, () -> "the shop's own")).isEqualTo("the shop's own");
        });
    }

    @Test
    void anUnscopedServicesKeysAreAsTheyWereBeforeScopes() {
        String key = UUID.randomUUID().toString();
        inBoth(ShopScope.NONE, (unscoped, raw) -> {
            cache(unscoped).get(key, () -> "value");

            assertThat(raw.getBean(UnifiedJedis.class).exists("scope-test:" + key)).isTrue();
            assertThat(raw.getBean(MemcachedClient.class).get("scope-test:" + key)).isNotNull();
        });
    }

    /** A service in {@code scope} and, beside it, one of no scope whose clients read the servers' keys as they are. */
    private void inBoth(ShopScope scope, BiConsumer<ApplicationContext, ApplicationContext> test) {
        service.withPropertyValues(ShopScope.PROPERTY + "=" + scope.name())
                .run(scoped -> service.run(raw -> test.accept(scoped, raw)));
    }

    private static LayeredCache<String> cache(ApplicationContext context) {
        return context.getBean(CacheLayers.class).cache(SPEC, String.class);
    }
}
