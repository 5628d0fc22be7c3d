package io.shopplatform.service.scope;

import io.shopplatform.model.ShopScope;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * This process's {@link ShopScope} from {@code shop.scope}: the outbox relay and the event consumers (topics), the
 * cache layers (Redis and memcached keys, and so every direct user of the shared Redis client) and the product
 * service's search index take it from here. Empty (the cluster, a developer's shop) names everything as before;
 * the integration tests set {@code test}.
 */
@AutoConfiguration
public class ScopeAutoConfiguration {

    @Bean
    ShopScope shopScope(Environment env) {
        return new ShopScope(env.getProperty(ShopScope.PROPERTY, ""));
    }
}
