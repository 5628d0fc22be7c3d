package io.shopplatform.order;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The order service: carts (Redis written through to PostgreSQL), checkout as an orchestrated saga over inventory
 * and payment, order history. The mechanisms (outbox, cache layers, JWT, problem responses, read-your-writes,
 * metrics) come from shop-service-support; each package here is one feature.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderApplication.class, args);
    }

    /**
     * This service's token for inventory and payment. Until the shared {@code ServiceTokens} (client credentials
     * at the user service) is wired here, there is none: every saga step waits ("try again later").
     */
    @Bean
    CallerToken callerToken() {
        return () -> {
            throw new ServiceCalls.Unavailable("no token of this service to call others with", null);
        };
    }
}
