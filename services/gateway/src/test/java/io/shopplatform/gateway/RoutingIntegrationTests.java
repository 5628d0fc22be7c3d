package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@GatewayIntegrationTest
class RoutingIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void catalogReadsReachTheRealProductServiceAsTheModelRoutesThem() throws Exception {
        Client.Response through = new Client(port).get("/api/v1/categories");
        HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(Services.product().url() + "/api/v1/categories")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(through.status()).isEqualTo(200);
        assertThat(through.body()).isEqualTo(direct.body());
    }

    @Test
    void aServicesOwnProblemReachesTheShopperUnchanged() {
        Client.Response r = new Client(port).get("/api/v1/products/987654321987");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.isProblem()).isTrue();
        assertThat((String) r.json("$.instance")).isEqualTo("/api/v1/products/987654321987");
    }

    @Test
    void aPathNoServiceOwnsIsNotFoundAtTheGateway() {
        Client.Response r = new Client(port).get("/api/v1/no-such-thing");

        assertThat(r.status()).isEqualTo(404);
        assertThat(StandIns.shared().calls("GET /api/v1/no-such-thing")).isZero();
    }
}
