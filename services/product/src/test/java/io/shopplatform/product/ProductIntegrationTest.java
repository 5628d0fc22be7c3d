package io.shopplatform.product;

import io.shopplatform.service.testing.DataTierInitializer;
import io.shopplatform.service.testing.TestTokens;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port against the shared data tier, with test-signed tokens. Every test class
 * that uses only this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ProductApplication.class,
        properties = "management.server.port=0")
@AutoConfigureObservability(tracing = false)   // Boot's tests turn metrics export off unless asked: we assert on it
@ContextConfiguration(initializers = {DataTierInitializer.class, TestTokens.Initializer.class})
public @interface ProductIntegrationTest {
}
