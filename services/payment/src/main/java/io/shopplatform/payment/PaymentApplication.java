package io.shopplatform.payment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The payment service: authorizations over two providers with fallback behind circuit breakers, capture, void,
 * refunds and a rule-based fraud hold, keeping no card data. The mechanisms (outbox, JWT, problem responses,
 * metrics) come from shop-service-support; each package here is one feature.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PaymentApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentApplication.class, args);
    }
}
