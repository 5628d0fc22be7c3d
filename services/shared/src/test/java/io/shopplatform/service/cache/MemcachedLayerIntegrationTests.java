package io.shopplatform.service.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.testing.DataTier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** L3 against the shared tier's memcached (SASL), as a service connects to it. */
class MemcachedLayerIntegrationTests {

    /** memcached reads an expiry over 30 days as a Unix time: sent as seconds, a 31-day entry would be gone at once. */
    @Test
    void anEntryWithATtlOverThirtyDaysIsKept() {
        DataTier tier = DataTier.shared();
        CacheProperties props = new CacheProperties(null, new CacheProperties.Memcached(
                List.of(tier.memcachedServers().split("[, ]+")), tier.memcached().user(), tier.memcached().password()),
                DataSize.ofMegabytes(1), Duration.ofSeconds(1), Duration.ofSeconds(2), Set.of());
        MemcachedClient client = new CacheAutoConfiguration().memcached(props);
        try {
            MemcachedLayer layer = new MemcachedLayer(client, props.timeout(), tier.scope());
            String key = "ttl-test:" + UUID.randomUUID();
            byte[] value = "kept".getBytes(StandardCharsets.UTF_8);

            layer.put(key, value, Duration.ofDays(31));

            assertThat(layer.get(key)).isEqualTo(value);
        } finally {
            client.shutdown();
        }
    }
}
