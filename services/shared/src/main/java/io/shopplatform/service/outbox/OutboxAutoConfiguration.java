package io.shopplatform.service.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.model.ShopScope;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox, its relay and the event subscriptions of a service whose {@code shop.kafka.bootstrap} is set. */
@AutoConfiguration(after = {JdbcTemplateAutoConfiguration.class, TransactionAutoConfiguration.class})
@ConditionalOnProperty("shop.kafka.bootstrap")
@EnableConfigurationProperties(KafkaProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(DataSource dataSource, JdbcTemplate jdbc, KafkaProperties props, ShopScope scope,
                            MeterRegistry meters) {
        return new OutboxRelay(dataSource, jdbc, props, scope, meters);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, ObjectMapper json, OutboxRelay relay, KafkaProperties props) {
        return new Outbox(jdbc, json, relay, props.schema());
    }

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
                                    KafkaProperties props) {
        return new ProcessedEvents(jdbc, new TransactionTemplate(transactions), json, props.schema());
    }

    @Bean
    EventConsumers eventConsumers(ObjectProvider<EventSubscription> subscriptions, KafkaProperties props,
                                  ShopScope scope, MeterRegistry meters) {
        return new EventConsumers(subscriptions.orderedStream().toList(), props, scope, meters);
    }

    /** Liveness: a consumer thread that stopped polling is a reason to restart the pod. */
    @Bean
    HealthIndicator eventConsumersHealthIndicator(EventConsumers consumers) {
        return () -> (consumers.alive() ? Health.up() : Health.down()).withDetail("lag", consumers.lag()).build();
    }

    /** Readiness: until its broadcast consumers are positioned, an instance would miss evictions. */
    @Bean
    HealthIndicator eventsPositionedHealthIndicator(EventConsumers consumers) {
        return () -> (consumers.positioned() ? Health.up() : Health.outOfService()).build();
    }
}
