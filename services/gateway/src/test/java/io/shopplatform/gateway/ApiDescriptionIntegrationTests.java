package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.service.testing.ApiDescriptionLint;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One description of the public API, merged from the running services' own as the gateway routes them. */
@GatewayIntegrationTest
class ApiDescriptionIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theDescriptionHoldsEveryRoutedOperationOfTheRealServicesAndNothingInternal() {
        Client.Response r = new Client(port).get("/v3/api-docs");

        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> paths = r.json("$.paths");
        assertThat(paths).containsKeys("/api/v1/products/{id}", "/api/v1/categories", "/api/v1/search",
                "/api/v1/users", "/api/v1/users/me", "/api/v1/auth/login", "/api/v1/auth/refresh");
        assertThat(paths.keySet()).allMatch(p -> p.startsWith("/api/v1/"));
        assertThat(r.<String>json("$.servers[0].url")).isEqualTo("/");
        assertThat(r.body()).doesNotContain("127.0.0.1", "jwks");
        // The order service is down in this run: named, not silently missing.
        assertThat(r.<String>json("$.info.description")).contains("order");
    }

    @Test
    void theDescriptionLintsWithoutErrors() {
        Client.Response r = new Client(port).get("/v3/api-docs");

        ApiDescriptionLint.Result lint = ApiDescriptionLint.of(r.body(), "gateway");

        assertThat(lint.errors()).isEmpty();
        assertThat(r.<Map<String, Object>>json("$.paths")).isNotEmpty();
        // The services' shared answers and bearer scheme came along with the operations that reference them.
        assertThat(r.<Map<String, Object>>json("$.components.responses")).containsKeys("Unauthorized", "NotFound");
        assertThat(r.<Map<String, Object>>json("$.components.securitySchemes")).containsKey("bearer");
    }

    @Test
    void aBrowsableUiShowsIt() {
        Client client = new Client(port);
        Client.Response page = client.get("/swagger-ui.html");
        Client.Response script = client.get("/webjars/swagger-ui/swagger-ui-bundle.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("SwaggerUIBundle", "/v3/api-docs");
        assertThat(script.status()).isEqualTo(200);
    }
}
