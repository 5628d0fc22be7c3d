package io.shopplatform.order;

import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import io.shopplatform.service.testing.PaymentSimulators;
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
 * The services the order service calls, real: inventory, product and payment from their jars on the shared tier
 * (trusting this run's test-signed tokens), payment charging through the shared provider simulators
 * ({@link PaymentSimulators}), whose journals witness every charge and capture. Each is started once per test JVM.
 */
public final class Peers {

    private static ServiceJar inventory, product, payment;

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

    /**
     * The payment service on both simulators, paced for tests: a payment left PENDING by an outage is retried within
     * a second, and a breaker an outage opened lets a trial call through after a moment (so the next test finds the
     * primary taking charges).
     */
    public static synchronized ServiceJar payment() {
        if (payment == null) {
            ServiceJar.Builder jar = ServiceJar.of(Shop.PAYMENT, Path.of(System.getProperty("shop.payment.jar",
                    "../payment/target/payment-service.jar"))).env(Wiring.serviceUrlVariable(Shop.USER), issuer())
                    .property("shop.payment.resilience.breaker.open-for", "200ms")
                    .property("shop.payment.resilience.breaker.half-open-calls", "2")
                    .property("shop.payment.pending.every", "300ms")
                    .property("shop.payment.pending.first-backoff", "300ms")
                    .property("shop.payment.pending.longest-backoff", "1s");
            PaymentSimulators.shared().env().forEach(jar::env);
            payment = jar.start();
        }
        return payment;
    }

    /** The order service's {@code SHOP_*_URL}s for its peers (and the issuer of the tokens it checks). */
    public static Map<String, String> urls() {
        return Map.of(Wiring.serviceUrlVariable(Shop.INVENTORY), inventory().url(),
                Wiring.serviceUrlVariable(Shop.PRODUCT), product().url(),
                Wiring.serviceUrlVariable(Shop.PAYMENT), payment().url(),
                Wiring.serviceUrlVariable(Shop.USER), issuer());
    }

    /** The test tokens' JWKS origin stands in for the user service: {@code <it>/.well-known/jwks.json}. */
    private static String issuer() {
        URI jwks = URI.create(TestTokens.shared().jwksUri());
        return jwks.getScheme() + "://" + jwks.getAuthority();
    }

    /** Starts every peer not running yet, all at once: each takes a minute or more to start on a busy machine. */
    public static void start() {
        CompletableFuture.allOf(CompletableFuture.runAsync(Peers::inventory),
                CompletableFuture.runAsync(Peers::product), CompletableFuture.runAsync(Peers::payment)).join();
    }

    /** Points the order service under test at its peers. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            start();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("peers", Map.of(
                    "shop.order.inventory-url", inventory().url(), "shop.order.product-url", product().url(),
                    "shop.order.payment-url", payment().url())));
        }
    }
}
