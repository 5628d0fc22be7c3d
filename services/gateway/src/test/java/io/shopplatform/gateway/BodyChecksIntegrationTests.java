package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The edge refuses bodies no service should spend time on (limit lowered to 64 KB for the tests). */
@GatewayIntegrationTest
class BodyChecksIntegrationTests {

    @LocalServerPort
    int port;

    private static final String BIG_JSON = "{\"name\":\"" + "x".repeat(100 * 1024) + "\"}";

    @Test
    void anOversizedBodyIs413BeforeAnyServiceSeesIt() {
        Client client = new Client(port);
        Client.Response r = client.send(client.request("/api/v1/payments/charge")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(BIG_JSON)));

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.isProblem()).isTrue();
        assertThat((String) r.json("$.detail")).contains("at most 65536");
        assertThat(StandIns.shared().calls("POST /api/v1/payments/charge")).isZero();
    }

    @Test
    void anOversizedChunkedBodyIs413Too() {
        Client client = new Client(port);
        Client.Response r = client.send(client.request("/api/v1/payments/chunked")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(BIG_JSON.getBytes()))));

        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Client client = new Client(port);
        Client.Response r = client.send(client.request("/api/v1/products")
                .header("Content-Type", "text/plain").POST(BodyPublishers.ofString("name=x")));

        assertThat(r.status()).isEqualTo(415);
        assertThat(r.isProblem()).isTrue();
        assertThat((String) r.json("$.detail")).contains("text/plain");
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        Client client = new Client(port);
        Client.Response r = client.send(client.request("/api/v1/products").POST(BodyPublishers.ofString("{}")));

        assertThat(r.status()).isEqualTo(415);
    }

    @Test
    void aSmallJsonBodyPasses() {
        Client client = new Client(port);
        Client.Response r = client.send(client.request("/api/v1/payments/small")
                .header("Content-Type", "application/json; charset=utf-8").POST(BodyPublishers.ofString("{\"a\":1}")));

        assertThat(r.status()).isEqualTo(200);
    }
}
