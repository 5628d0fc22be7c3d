package io.shopplatform.order;

import io.shopplatform.service.testing.TestTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The order service's token in tests, signed by this run's test key (which inventory and payment trust), as the
 * user service's client-credentials grant will sign it: {@code sub service:order}, role
 * {@code ORDER_SERVICE}. An order service in a process of its own (the crash tests) gets it as
 * {@value #PROPERTY}, signed by the test JVM.
 */
@Configuration(proxyBeanMethods = false)
class TestCallerToken {

    static final String PROPERTY = "shop.test.caller-token";

    @Bean
    @Primary
    CallerToken callerTokenForTests() {
        String given = System.getProperty(PROPERTY);
        String token = given != null ? given : TestTokens.shared().token("service:order", "ORDER_SERVICE");
        return () -> "Bearer " + token;
    }
}
