package io.shopplatform.user;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The user service: accounts, login with access JWTs and rotating refresh tokens, sessions in Redis, profiles,
 * password change and reset by mail, and the JWKS every other service validates tokens against. The mechanisms
 * (cache layers, outbox, JWT validation, problem responses, metrics) come from shop-service-support; each package
 * here is one feature.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class UserApplication {

    public static void main(String[] args) {
        SpringApplication.run(UserApplication.class, args);
    }
}
