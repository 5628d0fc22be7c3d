package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@GatewayIntegrationTest
class EdgeHeadersIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void spoofedIdentityHeadersNeverReachAService() {
        Client client = new Client(port);
        Client.Response r = client.send(client.request("/api/v1/payments/echo")
                .header("X-User-Id", "1").header("X-User-Roles", "ADMIN").header("X-Roles", "ADMIN")
                .header("X-Forwarded-User", "admin").header("X-Auth-Request-Email", "admin@shop.test")
                .header("X-Remote-User", "admin").header("X-Shopper-Note", "kept").GET());

        assertThat(r.status()).isEqualTo(200);
        Map<String, String> received = r.json("$");
        assertThat(received).doesNotContainKeys("x-user-id", "x-user-roles", "x-roles", "x-forwarded-user",
                "x-auth-request-email", "x-remote-user");
        assertThat(received).containsEntry("x-shopper-note", "kept");
    }

    @Test
    void aClientsOwnForwardedForEntriesNeverReachAService() {
        Client client = new Client(port);
        // The test gateway trusts one proxy in front (the load balancer's entry, the last); the rest is the client's.
        Client.Response r = client.send(client.request("/api/v1/payments/echo")
                .setHeader("X-Forwarded-For", "203.0.113.66, 10.9.8.7").header("Forwarded", "for=203.0.113.66").GET());

        assertThat((String) r.json("$['x-forwarded-for']")).isEqualTo("10.9.8.7");
        assertThat(r.body()).doesNotContain("203.0.113.66");
    }

    @Test
    void everyRequestGetsARequestIdThatTheServiceSeesAndTheShopperGetsBack() {
        Client.Response r = new Client(port).get("/api/v1/payments/echo");

        assertThat(r.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat((String) r.json("$['x-request-id']")).isEqualTo(r.header("X-Request-Id"));
    }

    @Test
    void aCallersWellFormedRequestIdIsKeptAndAMalformedOneReplaced() {
        Client client = new Client(port);
        Client.Response kept = client.send(client.request("/api/v1/payments/echo").header("X-Request-Id", "retry-4711-abc").GET());
        Client.Response replaced = client.send(client.request("/api/v1/payments/echo")
                .header("X-Request-Id", "<script>alert(1)</script>").GET());

        assertThat(kept.header("X-Request-Id")).isEqualTo("retry-4711-abc");
        assertThat((String) kept.json("$['x-request-id']")).isEqualTo("retry-4711-abc");
        assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void aRequestIdComesBackOnTheGatewaysOwnErrorsToo() {
        Client.Response r = new Client(port).get("/api/v1/orders/1");   // order is down

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void theCallersTraceContinuesIntoTheService() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Client client = new Client(port);
        Client.Response r = client.send(client.request("/api/v1/payments/echo")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").GET());

        String forwarded = r.json("$.traceparent");
        assertThat(forwarded).startsWith("00-" + traceId + "-");
    }
}
