package io.shopplatform.storefront;

import io.shopplatform.service.db.DatabaseProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The shop's web pages: server-rendered on the gateway's API, one feature per package. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(DatabaseProperties.class)   // shop.db.max-replica-lag: how long writes are fenced
public class StorefrontApplication {

    public static void main(String[] args) {
        SpringApplication.run(StorefrontApplication.class, args);
    }
}
