package io.shopplatform.order;

import io.shopplatform.service.security.ServiceTokens;
import org.springframework.beans.factory.ObjectProvider;
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
     * This service's token for inventory and payment: the shared {@link ServiceTokens} (client credentials at the
     * user service, {@code shop.client.secret}). No token now (the user service is down) is a callee that did not
     * answer: the saga step is tried again later.
     */
    @Bean
    CallerToken callerToken(ObjectProvider<ServiceTokens> tokens) {
        return () -> {
            ServiceTokens own = tokens.getIfAvailable();
            if (own == null) {
                throw new ServiceCalls.Unavailable("no shop.client.secret: no token to call others with", null);
            }
            try {
                return own.bearer();
            } catch (ServiceTokens.Unavailable e) {
                throw new ServiceCalls.Unavailable("no token from the user service: " + e.getMessage(), e);
            }
        };
    }
}
