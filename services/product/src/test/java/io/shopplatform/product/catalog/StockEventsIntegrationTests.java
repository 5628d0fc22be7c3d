package io.shopplatform.product.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopplatform.product.Api;
import io.shopplatform.product.OtherServices;
import io.shopplatform.product.ProductIntegrationTest;
import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.service.contracts.StockChanged;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The inventory service's events, played by this test: the product carries the last stock level, applied once. */
@ProductIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class StockEventsIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    CategoryTree categories;

    @Test
    void theCachedProductShowsEachStockLevelOnceAfterItsEvent() throws Exception {
        Api api = new Api(port);
        long category = categories.create(null, Api.uniqueSlug(), "Stock", 0);
        String sku = Api.uniqueSku();
        Api.Response created = api.post("/api/v1/products", Api.productJson(sku, "Kettle", category, "30.00"),
                Api.ADMIN);
        String product = "/api/v1/products/" + created.<Integer>json("$.id");
        int version = api.get(product).json("$.version");
        assertThat(api.get(product).<Object>json("$.stock")).as("unknown until inventory reports it").isNull();

        try (OtherServices inventory = new OtherServices()) {
            UUID restocked = UUID.randomUUID();
            inventory.publish(StockChanged.TOPIC, sku, StockChanged.TYPE, restocked, stock(sku, 7));
            inventory.publish(StockChanged.TOPIC, sku, StockChanged.TYPE, restocked, stock(sku, 7));
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get(product).<Integer>json("$.version") > version);
            Api.Response restock = api.get(product);
            assertThat(restock.<Integer>json("$.stock.available")).isEqualTo(7);
            assertThat(restock.<Boolean>json("$.stock.inStock")).isTrue();
            assertThat(restock.<String>json("$.stock.updatedAt")).isNotNull();

            inventory.publish(StockChanged.TOPIC, sku, StockChanged.TYPE, UUID.randomUUID(), stock(sku, 0));
            // Same key, so after the redelivery: once it shows, the redelivery has been handled (and skipped).
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> api.get(product).<Integer>json("$.stock.available") == 0);
        }

        Api.Response soldOut = api.get(product);
        assertThat(soldOut.<Boolean>json("$.stock.inStock")).isFalse();
        assertThat(soldOut.<Integer>json("$.version")).as("two stock levels, two versions").isEqualTo(version + 2);
    }

    /** Two relays, or a redelivery, can deliver an older level after a newer one: the version decides, not arrival. */
    @Test
    void aStockEventOlderThanTheLevelShownIsDropped() throws Exception {
        Api api = new Api(port);
        long category = categories.create(null, Api.uniqueSlug(), "Stock order", 0);
        String sku = Api.uniqueSku();
        String product = "/api/v1/products/" + api.post("/api/v1/products",
                Api.productJson(sku, "Teapot", category, "12.00"), Api.ADMIN).<Integer>json("$.id");
        int version = api.get(product).json("$.version");

        try (OtherServices inventory = new OtherServices()) {
            inventory.publish(StockChanged.TOPIC, sku, StockChanged.TYPE, UUID.randomUUID(), 2, stock(sku, 5));
            inventory.publish(StockChanged.TOPIC, sku, StockChanged.TYPE, UUID.randomUUID(), 1, stock(sku, 7));
            inventory.publish(StockChanged.TOPIC, sku, StockChanged.TYPE, UUID.randomUUID(), 3, stock(sku, 9));
            // One key, one partition: once 9 shows, the 7 before it has been handled.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Integer.valueOf(9).equals(api.get(product).<Object>json("$.stock") == null ? null
                            : api.get(product).<Integer>json("$.stock.available")));
        }

        assertThat(api.get(product).<Integer>json("$.version")).as("5 and 9 applied, the older 7 dropped")
                .isEqualTo(version + 2);
    }

    @Test
    void aStockEventForAnUnknownSkuIsLoggedAndSkipped(CapturedOutput output) throws Exception {
        String sku = Api.uniqueSku();
        try (OtherServices inventory = new OtherServices()) {
            inventory.publish(StockChanged.TOPIC, sku, StockChanged.TYPE, UUID.randomUUID(), stock(sku, 3));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> output.getOut().contains("no product has SKU " + sku));
    }

    private static String stock(String sku, int available) {
        return """
                {"sku": "%s", "available": %d, "warehouse": "main"}""".formatted(sku, available);
    }
}
