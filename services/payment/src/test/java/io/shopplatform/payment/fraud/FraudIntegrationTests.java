package io.shopplatform.payment.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.payment.Api;
import io.shopplatform.payment.PaymentIntegrationTest;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.service.testing.PaymentSimulators.Sim;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The rules (test numbers: above 1000.00, a 4th payment of a user, a 3rd of a card within the hour) and review. */
@PaymentIntegrationTest
class FraudIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void aLargeAmountIsHeldUntilAReviewerApprovesIt() {
        Api api = new Api(port);
        long order = Api.newOrderId();

        Api.Response held = api.post("/api/v1/payments", Api.body(order, UUID.randomUUID(), "1500.00",
                PaymentSimulators.card("4242")), Api.ORDER_SERVICE, "order-" + order);

        assertThat(held.<String>json("$.status")).as(held.body()).isEqualTo("HELD");
        assertThat(PaymentSimulators.shared().chargesMade(Sim.STRIPE, PaymentSimulators.chargeKey(order)))
                .as("no provider saw it").isZero();
        String review = "/api/v1/payments/" + held.json("$.id") + "/review";
        assertThat(api.post(review, "{\"approve\": true}", Api.ORDER_SERVICE).status())
                .as("only admins review").isEqualTo(403);

        Api.Response approved = api.post(review, "{\"approve\": true}", Api.ADMIN);

        assertThat(approved.<String>json("$.status")).as(approved.body()).isEqualTo("AUTHORIZED");
        assertThat(PaymentSimulators.shared().chargesMade(Sim.STRIPE, PaymentSimulators.chargeKey(order))).isEqualTo(1);
    }

    @Test
    void aRejectedHoldIsDeclined() {
        Api api = new Api(port);
        String id = api.authorizeNew("2000.00").json("$.id");

        Api.Response rejected = api.post("/api/v1/payments/" + id + "/review", "{\"approve\": false}", Api.ADMIN);

        assertThat(rejected.<String>json("$.status")).isEqualTo("DECLINED");
        assertThat(rejected.<String>json("$.failureCode")).isEqualTo("fraud_rejected");
    }

    @Test
    void theThirdPaymentWithOneCardWithinTheWindowIsHeld() {
        Api api = new Api(port);
        String card = PaymentSimulators.newCard("1881");
        String[] statuses = new String[3];
        for (int i = 0; i < 3; i++) {
            long order = Api.newOrderId();
            // Each time a new token from the same card: the provider's fingerprint ties them together.
            statuses[i] = api.post("/api/v1/payments", Api.body(order, UUID.randomUUID(), "20.00",
                    PaymentSimulators.tokenize(card)),
                    Api.ORDER_SERVICE, "order-" + order).json("$.status");
        }
        assertThat(statuses).containsExactly("AUTHORIZED", "AUTHORIZED", "HELD");
    }

    @Test
    void theFourthPaymentOfOneUserWithinTheWindowIsHeld() {
        Api api = new Api(port);
        UUID user = UUID.randomUUID();
        String[] statuses = new String[4];
        for (int i = 0; i < 4; i++) {
            long order = Api.newOrderId();
            statuses[i] = api.post("/api/v1/payments", Api.body(order, user, "20.00",
                    PaymentSimulators.card("4242")), Api.ORDER_SERVICE, "order-" + order).json("$.status");
        }
        assertThat(statuses).containsExactly("AUTHORIZED", "AUTHORIZED", "AUTHORIZED", "HELD");
    }
}
