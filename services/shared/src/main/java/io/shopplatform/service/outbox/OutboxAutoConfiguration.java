package io.shopplatform.service.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
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
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactions, KafkaProperties props,
                            MeterRegistry meters) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactions), props, meters);
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

    /** Starts every declared subscription before the web server takes traffic, stops them after it stopped. */
    @Bean
    SmartLifecycle eventSubscribers(ObjectProvider<EventSubscription> subscriptions, KafkaProperties props) {
        return new SmartLifecycle() {
            private final List<Subscriber> running = new ArrayList<>();

            @Override
            public void start() {
                try {
                    for (EventSubscription s : subscriptions.orderedStream().toList()) {
                        Subscriber subscriber = new Subscriber(s, props);
                        running.add(subscriber);
                        subscriber.start(Duration.ofSeconds(10));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void stop() {
                try {
                    for (Subscriber s : running) {
                        s.stop();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.clear();
            }

            @Override
            public boolean isRunning() {
                return !running.isEmpty();
            }

            @Override
            public int getPhase() {
                return SmartLifecycle.DEFAULT_PHASE - 2048;   // before the web server (which starts last)
            }
        };
    }
}
