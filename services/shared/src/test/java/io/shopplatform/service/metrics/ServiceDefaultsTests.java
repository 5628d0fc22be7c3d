package io.shopplatform.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.StandardEnvironment;

class ServiceDefaultsTests {

    @Test
    void theDefaultsSitBelowEverythingAndSetTheHttpClientsKeepAliveUnderTheServers() {
        String before = System.clearProperty(ServiceDefaults.CLIENT_KEEP_ALIVE);
        try {
            StandardEnvironment env = new StandardEnvironment();
            env.setConversionService(new ApplicationConversionService());
            new ServiceDefaults().postProcessEnvironment(env, new SpringApplication());

            long client = Long.parseLong(System.getProperty(ServiceDefaults.CLIENT_KEEP_ALIVE));
            long server = env.getRequiredProperty("server.tomcat.keep-alive-timeout", Duration.class).toSeconds();
            assertThat(client).isPositive().isLessThan(server);
            assertThat(env.getPropertySources().stream().reduce((a, b) -> b).orElseThrow().getName())
                    .as("lowest precedence").contains("shop-service-defaults");
        } finally {
            if (before == null) {
                System.clearProperty(ServiceDefaults.CLIENT_KEEP_ALIVE);
            } else {
                System.setProperty(ServiceDefaults.CLIENT_KEEP_ALIVE, before);
            }
        }
    }

    @Test
    void anOperatorsOwnKeepAliveIsLeftAlone() {
        String before = System.setProperty(ServiceDefaults.CLIENT_KEEP_ALIVE, "7");
        try {
            StandardEnvironment env = new StandardEnvironment();
            env.setConversionService(new ApplicationConversionService());
            new ServiceDefaults().postProcessEnvironment(env, new SpringApplication());
            assertThat(System.getProperty(ServiceDefaults.CLIENT_KEEP_ALIVE)).isEqualTo("7");
        } finally {
            if (before == null) {
                System.clearProperty(ServiceDefaults.CLIENT_KEEP_ALIVE);
            } else {
                System.setProperty(ServiceDefaults.CLIENT_KEEP_ALIVE, before);
            }
        }
    }
}
