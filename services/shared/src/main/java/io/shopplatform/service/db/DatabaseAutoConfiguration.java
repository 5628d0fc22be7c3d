package io.shopplatform.service.db;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.model.Shop;
import io.shopplatform.model.DatabaseTargets;
import java.time.Duration;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The service's one DataSource points at PgPool, which does the replica routing: statements of a read-only
 * transaction ({@code @Transactional(readOnly = true)}) or outside any transaction are balanced over the replicas;
 * writes, and reads after a write in the same transaction, go to the primary. This adds the query timers.
 */
@AutoConfiguration
public class DatabaseAutoConfiguration {

    @Bean
    static BeanPostProcessor timedDataSource(ObjectProvider<MeterRegistry> meters) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource ds && !(bean instanceof TimedDataSource)) {
                    DatabaseTargets t = Shop.PLATFORM.database();
                    Duration[] targets = Stream.of(t.read().average(), t.read().p95(), t.read().p99(),
                            t.write().average(), t.write().p95(), t.write().p99())
                            .distinct().sorted().toArray(Duration[]::new);
                    return new TimedDataSource(ds, meters.getObject(), targets);
                }
                return bean;
            }
        };
    }
}
