package io.shopplatform.payment.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.payment.Api;
import io.shopplatform.payment.PaymentIntegrationTest;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.service.testing.PaymentSimulators.Sim;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@PaymentIntegrationTest
class AuthorizationIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAuthorizationOnThePrimaryKeepsOnlyLastFourAndBrand() {
        Api api = new Api(port);
        long order = Api.newOrderId();
        String token = PaymentSimulators.card("4242");

        Api.Response r = api.post("/api/v1/payments", Api.body(order, UUID.randomUUID(), "12.50", token),
                Api.ORDER_SERVICE, "order-" + order);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.<String>json("$.status")).isEqualTo("AUTHORIZED");
        assertThat(r.<String>json("$.provider")).isEqualTo("stripe");
        assertThat(r.<String>json("$.amount")).isEqualTo("12.50");
        assertThat(r.<String>json("$.cardLast4")).isEqualTo("4242");
        assertThat(r.<String>json("$.cardBrand")).isEqualTo("visa");
        assertThat(r.body()).doesNotContain("cardToken").doesNotContain(token);
        assertThat(PaymentSimulators.shared().chargesMade(Sim.STRIPE, PaymentSimulators.chargeKey(order))).isEqualTo(1);
    }

    @Test
    void aReplayWithTheSameKeyAndBodyReturnsThePaymentAndChargesNothingMore() {
        Api api = new Api(port);
        long order = Api.newOrderId();
        String body = Api.body(order, UUID.randomUUID(), "30.00", PaymentSimulators.card("4242"));

        Api.Response first = api.post("/api/v1/payments", body, Api.ORDER_SERVICE, "order-" + order);
        Api.Response replay = api.post("/api/v1/payments", body, Api.ORDER_SERVICE, "order-" + order);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.<String>json("$.id")).isEqualTo(first.json("$.id"));
        assertThat(replay.<String>json("$.status")).isEqualTo("AUTHORIZED");
        assertThat(PaymentSimulators.shared().chargesMade(Sim.STRIPE, PaymentSimulators.chargeKey(order))).isEqualTo(1);
        assertThat(PaymentSimulators.shared().chargesMade(Sim.PAYPAL, PaymentSimulators.chargeKey(order))).isZero();
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        Api api = new Api(port);
        long order = Api.newOrderId();
        UUID user = UUID.randomUUID();
        String token = PaymentSimulators.card("4242");
        Api.Response first = api.post("/api/v1/payments", Api.body(order, user, "30.00", token), Api.ORDER_SERVICE,
                "order-" + order);

        Api.Response other = api.post("/api/v1/payments", Api.body(order, user, "31.00", token), Api.ORDER_SERVICE,
                "order-" + order);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.<String>json("$.errors[0].field")).isEqualTo("Idempotency-Key");
        assertThat(api.payment(first.json("$.id")).<String>json("$.amount")).isEqualTo("30.00");
        assertThat(jdbc.queryForObject("/*NO LOAD BALANCE*/ SELECT count(*) FROM payments.payments WHERE order_id = ?",
                Long.class, order)).isEqualTo(1);
    }

    @Test
    void concurrentRetriesOfOnePaymentMakeOnePaymentAndOneCharge() throws Exception {
        Api api = new Api(port);
        long order = Api.newOrderId();
        String body = Api.body(order, UUID.randomUUID(), "9.99", PaymentSimulators.card("4242"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> api.post("/api/v1/payments", body, Api.ORDER_SERVICE, "order-" + order)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Api.Response> call : calls) {
                Api.Response r = call.get();
                assertThat(r.status()).as(r.body()).isIn(200, 201);
                ids.add(r.json("$.id"));
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(PaymentSimulators.shared().chargesMade(Sim.STRIPE, PaymentSimulators.chargeKey(order))).isEqualTo(1);
    }

    @Test
    void aDeclinedCardIsDeclinedWithTheProvidersCodeAndNotTriedElsewhere() {
        Api api = new Api(port);
        long order = Api.newOrderId();

        Api.Response r = api.post("/api/v1/payments", Api.body(order, UUID.randomUUID(), "20.00",
                PaymentSimulators.card("0002")), Api.ORDER_SERVICE, "order-" + order);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.<String>json("$.status")).isEqualTo("DECLINED");
        assertThat(r.<String>json("$.failureCode")).isEqualTo("card_declined");
        assertThat(PaymentSimulators.shared().admin(Sim.PAYPAL).find(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(Sim.PAYPAL.chargePath))
                .withHeader(Sim.PAYPAL.keyHeader, com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        PaymentSimulators.chargeKey(order))))).as("a decline is final: no fallback").isEmpty();
    }

    @Test
    void onlyTheOrderServiceAndAdminsPay() {
        Api api = new Api(port);
        long order = Api.newOrderId();
        String body = Api.body(order, UUID.randomUUID(), "5.00", PaymentSimulators.card("4242"));

        assertThat(api.post("/api/v1/payments", body, Api.SHOPPER, "order-" + order).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/payments", body, null, "order-" + order).status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("/*NO LOAD BALANCE*/ SELECT count(*) FROM payments.payments WHERE order_id = ?",
                Long.class, order)).isZero();
        assertThat(api.post("/api/v1/payments", body, Api.ADMIN, "order-" + order).status()).isEqualTo(201);
    }
}
