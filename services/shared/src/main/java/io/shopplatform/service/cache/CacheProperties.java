package io.shopplatform.service.cache;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.unit.DataSize;

/**
 * Where the cache servers are ({@code shop.cache.*}, bound from the service's {@code SHOP_REDIS_*} and
 * {@code SHOP_MEMCACHED_*}) and how patiently to wait for them.
 *
 * @param localSize  bound of the in-process L1 (the platform model's application cache per service)
 * @param timeout    per call to Redis or memcached: a slow cache must cost less than the database read it saves
 * @param probeAfter how long a failing layer is skipped before it is tried again
 * @param disabled   layers switched off for every cache, so the cache benchmark measures each layer's hit on its
 *                   own: accepted under the {@value #BENCHMARK_PROFILE} profile only, never in production
 */
@ConfigurationProperties("shop.cache")
public record CacheProperties(Redis redis, Memcached memcached,
                              @DefaultValue("256MB") DataSize localSize,
                              @DefaultValue("250ms") Duration timeout,
                              @DefaultValue("2s") Duration probeAfter,
                              @DefaultValue Set<Layer> disabled) {

    /** The profile of the cache benchmark (loadtests' ProductCacheBenchmark), the only one that may switch layers off. */
    public static final String BENCHMARK_PROFILE = "benchmark";

    /** The layers switched off; a service started with some outside the benchmark profile does not start. */
    Set<Layer> disabledIn(Environment env) {
        if (!disabled.isEmpty() && !env.acceptsProfiles(Profiles.of(BENCHMARK_PROFILE))) {
            throw new IllegalStateException("shop.cache.disabled=" + disabled + " switches cache layers off for the"
                    + " cache benchmark only: start with the '" + BENCHMARK_PROFILE + "' profile");
        }
        return disabled;
    }

    /** {@code nodes}: host:port list; more than one means a Redis Cluster. */
    public record Redis(List<String> nodes, String password) {}

    public record Memcached(List<String> servers, String user, String password) {}
}
