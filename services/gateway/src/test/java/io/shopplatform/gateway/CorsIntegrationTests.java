package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Browsers may call the API from the shop's own origin only. */
@GatewayIntegrationTest
class CorsIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theShopsOwnOriginMayCallTheApi() {
        Client client = new Client(port);
        Client.Response preflight = client.send(client.request("/api/v1/products")
                .header("Origin", Backends.SHOP_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key,shop-cart-id")
                .method("OPTIONS", BodyPublishers.noBody()));
        Client.Response read = client.send(client.request("/api/v1/categories").header("Origin", Backends.SHOP_ORIGIN).GET());

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(Backends.SHOP_ORIGIN);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo(Backends.SHOP_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("idempotency-key")
                .containsIgnoringCase("shop-cart-id");
        assertThat(read.header("Access-Control-Expose-Headers")).contains("X-Request-Id", "Shop-Cart-Id", "Shop-Version");
    }

    @Test
    void anyOtherOriginIsRefused() {
        Client client = new Client(port);
        Client.Response preflight = client.send(client.request("/api/v1/products")
                .header("Origin", "https://evil.test").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", BodyPublishers.noBody()));
        Client.Response read = client.send(client.request("/api/v1/payments/from-evil").header("Origin", "https://evil.test").GET());

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(read.status()).isEqualTo(403);
        assertThat(StandIns.shared().calls("GET /api/v1/payments/from-evil")).isZero();
    }
}
