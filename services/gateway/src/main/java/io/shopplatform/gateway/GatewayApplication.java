package io.shopplatform.gateway;

import io.shopplatform.model.ShopScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The shop's one entry point: everything a shopper sends passes here first. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** Whose Redis keys these are on a shared tier: unset, the shop's; the integration tests set theirs. */
    @Bean
    ShopScope shopScope(@Value("${" + ShopScope.PROPERTY + ":}") String name) {
        return new ShopScope(name);
    }

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
