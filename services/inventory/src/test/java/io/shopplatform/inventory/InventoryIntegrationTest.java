package io.shopplatform.inventory;

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
 * The whole service on a random port against the shared data tier, with test-signed tokens; the expiry sweep runs
 * every half second so a test sees a reservation expire in about its hold, and the units-on-hand gauge follows a
 * change as quickly. Classes that use only this annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = InventoryApplication.class,
        properties = {"management.server.port=0", "shop.inventory.expiry.every=500ms",
                "shop.inventory.units-on-hand.every=500ms"})
@AutoConfigureObservability(tracing = false)   // Boot's tests turn metrics export off unless asked: we assert on it
@ContextConfiguration(initializers = {DataTierInitializer.class, TestTokens.Initializer.class})
public @interface InventoryIntegrationTest {
}
