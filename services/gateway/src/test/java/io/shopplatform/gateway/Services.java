package io.shopplatform.gateway;

import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import io.shopplatform.service.testing.ServiceJar;
import io.shopplatform.user.Api;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The real services behind the gateway in a test run, each started once from its jar on the shared tier: the
 * user service (accounts, logins, the JWKS everyone validates against) and the product service, which trusts
 * the user service's keys as it does in the shop.
 */
final class Services {

    private static ServiceJar user, product;

    private Services() {}

    static synchronized ServiceJar user() {
        if (user == null) {
            user = ServiceJar.of(Shop.USER, Path.of(System.getProperty("shop.user.jar", "../user/target/user-service.jar")))
                    // Reset mails of this run are this run's: a developer's running user service must not take them.
                    .property("shop.user.reset.group", "user-mail-gateway-test-" + UUID.randomUUID())
                    .start();
            // A fresh JVM's first registration and login pay for class loading and compiling (seconds on a busy
            // machine, beyond the gateway's time limit): paid here, directly, not by the first test's shopper.
            Api direct = new Api(user.port());
            String email = Api.uniqueEmail();
            direct.registered(email);
            direct.loggedIn(email, Api.GOOD_PASSWORD);
        }
        return user;
    }

    static synchronized ServiceJar product() {
        if (product == null) {
            product = ServiceJar.of(Shop.PRODUCT, Path.of(System.getProperty("shop.product.jar",
                            "../product/target/product-service.jar")))
                    .env(Wiring.serviceUrlVariable(Shop.USER), user().url())
                    .start();
            // Its first call with a token also fetches the user service's key set: warmed here as well.
            Api users = new Api(user.port());
            String email = Api.uniqueEmail();
            users.registered(email);
            Api.Response r = new Api(product.port()).get("/api/v1/categories",
                    users.loggedIn(email, Api.GOOD_PASSWORD).accessToken());
            if (r.status() != 200) {
                throw new IllegalStateException("product service, first call with a token: " + r.status() + " " + r.body());
            }
            // springdoc builds a service's API description on the first request, slowly: both, once, here.
            new Api(product.port()).get("/v3/api-docs", null);
            users.get("/v3/api-docs", null);
        }
        return product;
    }
}
