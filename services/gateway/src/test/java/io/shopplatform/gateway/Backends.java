package io.shopplatform.gateway;

import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the gateway's routes (by the model's {@code SHOP_<SERVICE>_URL} variables) at what answers in a test run:
 * the real user and product services, stand-ins for payment (echo, 503) and inventory
 * (slow), and a port nobody listens on for order (down).
 */
public class Backends implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SHOP_ORIGIN = "https://shop.test";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        StandIns standIns = StandIns.shared();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("backends", Map.of(
                Wiring.serviceUrlVariable(Shop.USER), Services.user().url(),
                Wiring.serviceUrlVariable(Shop.PRODUCT), Services.product().url(),
                Wiring.serviceUrlVariable(Shop.PAYMENT), standIns.url(),
                Wiring.serviceUrlVariable(Shop.INVENTORY), standIns.url(),
                Wiring.serviceUrlVariable(Shop.ORDER), standIns.deadUrl(),
                "shop.gateway.cors.allowed-origins", SHOP_ORIGIN)));
    }
}
