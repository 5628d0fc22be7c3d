package io.shopplatform.gateway;

import io.shopplatform.service.testing.DataTierInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The gateway on a random port in front of the real user and product services and the stand-ins, with the shared
 * tier's Redis. Every class with only this annotation shares one gateway (one application context per test run).
 * Limits are lowered so tests reach them quickly. One proxy in front is trusted, as the cluster's load balancer
 * is: a test client's {@code X-Forwarded-For} is its address, so each client has buckets of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = GatewayApplication.class,
        properties = {
                // The data tier's fixture brings a JDBC driver onto the test classpath; the gateway has no database.
                "spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                "management.server.port=0", "management.tracing.sampling.probability=1.0",
                "shop.gateway.max-body-size=64KB", "shop.gateway.trusted-proxies=1",
                "shop.gateway.rate-limit.replenish-per-second=" + GatewayIntegrationTest.REPLENISH_PER_SECOND,
                "shop.gateway.rate-limit.burst=" + GatewayIntegrationTest.BURST,
                "shop.gateway.backend.timeout=" + GatewayIntegrationTest.BACKEND_TIMEOUT_SECONDS + "s", "shop.gateway.backend.window=6",
                "shop.gateway.backend.minimum-calls=6", "shop.gateway.backend.open-for=30s"})
@AutoConfigureObservability   // Boot's tests turn metrics and tracing off unless asked: we assert on both
@ContextConfiguration(initializers = {DataTierInitializer.class, Backends.class})
public @interface GatewayIntegrationTest {

    /** The tests' rate limit: small enough that a test exceeds it in a few dozen calls. */
    long BURST = 20, REPLENISH_PER_SECOND = 10;

    /** The routes' time limit (5 s in production): a registration's BCrypt on this busy two-core machine has taken 5 s. */
    long BACKEND_TIMEOUT_SECONDS = 10;

}
