package io.shopplatform.order;

import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import io.shopplatform.service.testing.ServiceJar;
import io.shopplatform.service.testing.TestTokens;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The services the order service calls, real where they exist: inventory and product from their jars on the
 * shared tier (trusting this run's test-signed tokens), payment played by {@link PaymentStandIn}. Each is started
 * once per test JVM.
 */
public final class Peers {

    private static ServiceJar inventory, product;

    private Peers() {}

    public static synchronized ServiceJar inventory() {
        if (inventory == null) {
            inventory = ServiceJar.of(Shop.INVENTORY, Path.of(System.getProperty("shop.inventory.jar",
                    "../inventory/target/inventory-service.jar"))).env(Wiring.serviceUrlVariable(Shop.USER), issuer())
                    .start();
        }
        return inventory;
    }

    public static synchronized ServiceJar product() {
        if (product == null) {
            product = ServiceJar.of(Shop.PRODUCT, Path.of(System.getProperty("shop.product.jar",
                    "../product/target/product-service.jar"))).env(Wiring.serviceUrlVariable(Shop.USER), issuer())
                    .start();
        }
        return product;
    }

    /** The order service's {@code SHOP_*_URL}s for its peers (and the issuer of the tokens it checks). */
    public static Map<String, String> urls() {
        return Map.of(Wiring.serviceUrlVariable(Shop.INVENTORY), inventory().url(),
                Wiring.serviceUrlVariable(Shop.PRODUCT), product().url(),
                Wiring.serviceUrlVariable(Shop.PAYMENT), PaymentStandIn.shared().url(),
                Wiring.serviceUrlVariable(Shop.USER), issuer());
    }

    /** The test tokens' JWKS origin stands in for the user service: {@code <it>/.well-known/jwks.json}. */
    private static String issuer() {
        URI jwks = URI.create(TestTokens.shared().jwksUri());
        return jwks.getScheme() + "://" + jwks.getAuthority();
    }

    /** Points the order service under test at its peers. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            // Both at once: each takes a minute or more to start on a busy machine.
            CompletableFuture.allOf(CompletableFuture.runAsync(Peers::inventory),
                    CompletableFuture.runAsync(Peers::product)).join();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("peers", Map.of(
                    "shop.order.inventory-url", inventory().url(), "shop.order.product-url", product().url(),
                    "shop.order.payment-url", PaymentStandIn.shared().url())));
        }
    }
}
