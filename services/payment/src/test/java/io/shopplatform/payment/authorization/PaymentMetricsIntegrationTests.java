package io.shopplatform.payment.authorization;

import static io.shopplatform.model.BusinessMetric.PAYMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.BusinessMetric;
import io.shopplatform.payment.Api;
import io.shopplatform.payment.PaymentIntegrationTest;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.service.testing.Scrape;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The payment success rate's parts as Prometheus scrapes them: each payment once, by its final outcome. */
@PaymentIntegrationTest
class PaymentMetricsIntegrationTests {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int management;

    @Test
    void eachPaymentCountsOnceByItsOutcomeAndAReplayNotAtAll() {
        Api api = new Api(port);
        long paid = Api.newOrderId(), refused = Api.newOrderId();
        String body = Api.body(paid, UUID.randomUUID(), "20.00", PaymentSimulators.card("4242"));
        Scrape before = Scrape.of(management);

        Api.Response first = api.post("/api/v1/payments", body, Api.ORDER_SERVICE, "order-" + paid);
        Api.Response replay = api.post("/api/v1/payments", body, Api.ORDER_SERVICE, "order-" + paid);
        Api.Response declined = api.post("/api/v1/payments", Api.body(refused, UUID.randomUUID(), "20.00",
                PaymentSimulators.card(PaymentSimulators.DECLINED_LAST4)), Api.ORDER_SERVICE, "order-" + refused);

        assertThat(first.<String>json("$.status")).as(first.body()).isEqualTo("AUTHORIZED");
        assertThat(replay.status()).as("a replay").isEqualTo(200);
        assertThat(declined.<String>json("$.status")).as(declined.body()).isEqualTo("DECLINED");
        Scrape after = Scrape.of(management);
        assertThat(moved(before, after, BusinessMetric.AUTHORIZED)).as("authorized").isEqualTo(1);
        assertThat(moved(before, after, "declined")).as("declined").isEqualTo(1);
    }

    private static double moved(Scrape before, Scrape after, String outcome) {
        return after.value(PAYMENTS.series(), BusinessMetric.OUTCOME, outcome)
                - before.value(PAYMENTS.series(), BusinessMetric.OUTCOME, outcome);
    }
}
