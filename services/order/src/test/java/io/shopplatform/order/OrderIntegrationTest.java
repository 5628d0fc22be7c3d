package io.shopplatform.order;

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
 * The whole service on a random port against the shared data tier, with test-signed tokens, the real inventory,
 * product and payment services ({@link Peers}); the saga job looks every half second. Classes that use only this
 * annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = OrderApplication.class,
        properties = {"management.server.port=0", "shop.order.saga.every=500ms", "shop.order.saga.first-retry=200ms",
                "shop.order.saga.longest-retry=1s"})
@AutoConfigureObservability(tracing = false)   // Boot's tests turn metrics export off unless asked: we assert on it
@ContextConfiguration(initializers = {DataTierInitializer.class, TestTokens.Initializer.class, Peers.Initializer.class})
public @interface OrderIntegrationTest {
}
