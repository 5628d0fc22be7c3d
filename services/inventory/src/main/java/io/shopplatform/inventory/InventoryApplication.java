package io.shopplatform.inventory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The inventory service: stock per SKU, reservations for orders that expire, the append-only stock ledger, low-stock
 * events and a live stock stream. The mechanisms (outbox, JWT, problem responses, metrics) come from
 * shop-service-support; each package here is one feature.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class InventoryApplication {

    public static void main(String[] args) {
        SpringApplication.run(InventoryApplication.class, args);
    }
}
