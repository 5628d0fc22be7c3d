package io.shopplatform.product;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The product service: catalog, categories, search and popular products behind the multi-layer cache. The
 * mechanisms (cache layers, outbox, JWT, problem responses, metrics) come from shop-service-support; each package
 * here is one feature.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ProductApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProductApplication.class, args);
    }
}
