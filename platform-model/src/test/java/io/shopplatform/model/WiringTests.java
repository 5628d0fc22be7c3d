package io.shopplatform.model;

import static io.shopplatform.model.Shop.PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.Wiring.Variable;
import org.junit.jupiter.api.Test;

class WiringTests {

    @Test
    void orderLearnsWhereItsSagaPartnersAndTheDatabaseAre() {
        assertThat(Wiring.variablesOf(PLATFORM, Shop.ORDER)).extracting(Variable::name)
                .contains("SHOP_INVENTORY_URL", "SHOP_PAYMENT_URL", "SHOP_DB_URL", "SHOP_KAFKA_BOOTSTRAP")
                .doesNotContain("SHOP_MEMCACHED_SERVERS", "SHOP_SEARCH_URL");
    }

    @Test
    void passwordsAreSecretAndEndpointsAreNot() {
        assertThat(Wiring.variablesOf(PLATFORM, Shop.PRODUCT))
                .contains(new Variable("SHOP_DB_PASSWORD", true), new Variable("SHOP_REDIS_PASSWORD", true),
                        new Variable("SHOP_MEMCACHED_SERVERS", false));
    }

    @Test
    void peersAndScrapersCarryNoClientConfig() {
        assertThat(Wiring.variablesOf(PLATFORM, Shop.MONITORING)).isEmpty();
        assertThat(Wiring.variablesOf(PLATFORM, Shop.REDIS)).isEmpty();
        assertThat(Wiring.variablesOf(PLATFORM, Shop.PGPOOL)).isEmpty();
    }

    @Test
    void servicesLearnTheirConnectionPoolSizeAndJobsDoNot() {
        assertThat(Wiring.variablesOf(PLATFORM, Shop.PRODUCT)).contains(new Variable(Wiring.DB_POOL_SIZE, false));
        assertThat(Wiring.variablesOf(PLATFORM, Shop.PARTITION_MAINTENANCE)).extracting(Variable::name)
                .doesNotContain(Wiring.DB_POOL_SIZE);
        assertThat(Wiring.variablesOf(PLATFORM, Shop.GATEWAY)).extracting(Variable::name)
                .doesNotContain(Wiring.DB_POOL_SIZE);
    }

    @Test
    void theBackupJobTalksToTheBackupServersNotToTheDatabase() {
        assertThat(Wiring.variablesOf(PLATFORM, Shop.DB_BACKUP)).extracting(Variable::name).doesNotContain("SHOP_DB_URL");
        assertThat(Wiring.variablesOf(PLATFORM, Shop.DB_MIGRATE)).extracting(Variable::name)
                .containsExactly("SHOP_DB_URL", "SHOP_DB_USER", "SHOP_DB_PASSWORD");
    }

    @Test
    void maintenanceJobsLearnWhereTheDatabaseIs() {
        assertThat(Wiring.variablesOf(PLATFORM, Shop.PARTITION_MAINTENANCE)).extracting(Variable::name)
                .containsExactly("SHOP_DB_URL", "SHOP_DB_USER", "SHOP_DB_PASSWORD");
    }

    @Test
    void theUserServiceLearnsItsMailRelayAndItsOwnSettings() {
        assertThat(Wiring.variablesOf(PLATFORM, Shop.USER))
                .contains(new Variable("SHOP_MAIL_HOST", false), new Variable("SHOP_MAIL_PORT", false),
                        new Variable("SHOP_MAIL_USER", true), new Variable("SHOP_MAIL_PASSWORD", true),
                        new Variable("SHOP_USER_KEY_SECRET", true), new Variable(Wiring.PUBLIC_ORIGIN, false));
        assertThat(Wiring.settings(Shop.USER)).filteredOn(s -> s.variable().name().equals("SHOP_USER_KEY_ROTATE_EVERY"))
                .singleElement().satisfies(s -> assertThat(s.fixedValue()).isEqualTo("24h"));
        assertThat(Wiring.settings(Shop.USER)).filteredOn(s -> s.variable().secret())
                .extracting(Wiring.Setting::purpose).containsExactly("user-key-secret", "order-client-secret");
    }

    @Test
    void onlyTheUserServiceSendsMail() {
        assertThat(PLATFORM.edgesTo(Shop.MAIL)).extracting(Edge::from).containsExactly(Shop.USER);
        assertThat(Wiring.variablesOf(PLATFORM, Shop.PRODUCT)).extracting(Variable::name)
                .noneMatch(n -> n.startsWith("SHOP_MAIL_") || n.equals(Wiring.PUBLIC_ORIGIN));
    }

    @Test
    void theGatewayLearnsTheShopsOriginAndItsProxies() {
        assertThat(Wiring.variablesOf(PLATFORM, Shop.GATEWAY)).extracting(Variable::name)
                .contains(Wiring.PUBLIC_ORIGIN, "SHOP_TRUSTED_PROXIES", "SHOP_REDIS_NODES", "SHOP_USER_URL");
    }

    @Test
    void aServiceClientAndTheUserServiceReadTheSameGeneratedSecret() {
        assertThat(Shop.SERVICE_CLIENTS).allSatisfy(client -> {
            Wiring.Setting own = Wiring.settings(client).stream()
                    .filter(s -> s.source() == Wiring.Setting.Source.GENERATED_SECRET).findFirst().orElseThrow();
            assertThat(own.variable()).isEqualTo(new Variable("SHOP_" + client.toUpperCase() + "_CLIENT_SECRET", true));
            assertThat(Wiring.settings(Shop.USER)).contains(own);
        });
        assertThat(Wiring.settings(Shop.PRODUCT)).isEmpty();
    }

    @Test
    void onlyServiceClientsCallOtherServicesProtectedEndpointsInTheirOwnName() {
        // The gateway (and the storefront, calling it) forward shoppers' tokens; user is called for its JWKS only.
        // Any other service-to-service edge needs a client identity, or the callee's role check refuses the call.
        assertThat(PLATFORM.edges()).filteredOn(e -> PLATFORM.component(e.from()).isService()
                        && PLATFORM.component(e.to()).isService() && !e.from().equals(e.to())
                        && !e.from().equals(Shop.GATEWAY) && !e.to().equals(Shop.USER)
                        && !(e.from().equals(Shop.STOREFRONT) && e.to().equals(Shop.GATEWAY)))
                .extracting(Edge::from).allMatch(Shop.SERVICE_CLIENTS::contains).isNotEmpty();
    }

    @Test
    void thePaymentServiceLearnsEachProvidersAddressAndSecretKey() {
        assertThat(Wiring.variablesOf(PLATFORM, Shop.PAYMENT)).contains(
                new Variable("SHOP_PAYMENT_STRIPE_URL", false), new Variable("SHOP_PAYMENT_STRIPE_KEY", true),
                new Variable("SHOP_PAYMENT_PAYPAL_URL", false), new Variable("SHOP_PAYMENT_PAYPAL_KEY", true));
        assertThat(Wiring.variablesOf(PLATFORM, Shop.ORDER)).extracting(Variable::name)
                .noneMatch(n -> n.startsWith("SHOP_PAYMENT_STRIPE")).contains("SHOP_PRODUCT_URL");
    }
}
