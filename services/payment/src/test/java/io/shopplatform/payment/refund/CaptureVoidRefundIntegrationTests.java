package io.shopplatform.payment.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.payment.Api;
import io.shopplatform.payment.PaymentIntegrationTest;
import io.shopplatform.service.testing.PaymentSimulators;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** What each state allows: capture and void once each (idempotent), refunds only of captured money, never more. */
@PaymentIntegrationTest
class CaptureVoidRefundIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCaptureIsIdempotentAndAVoidAfterItIsRefused() {
        Api api = new Api(port);
        String id = api.authorizeNew("50.00").json("$.id");

        Api.Response captured = api.post("/api/v1/payments/" + id + "/capture", "", Api.ORDER_SERVICE);
        Api.Response again = api.post("/api/v1/payments/" + id + "/capture", "", Api.ORDER_SERVICE);
        Api.Response voided = api.post("/api/v1/payments/" + id + "/void", "", Api.ORDER_SERVICE);

        assertThat(captured.status()).as(captured.body()).isEqualTo(200);
        assertThat(captured.<String>json("$.status")).isEqualTo("CAPTURED");
        assertThat(again.status()).isEqualTo(200);
        assertThat(voided.status()).isEqualTo(409);
        assertThat(voided.contentType()).startsWith("application/problem+json");
        assertThat(captures(id)).as("one capture reached the provider").isEqualTo(1);
        assertThat(events(id)).containsExactly("authorized", "captured");
    }

    @Test
    void aVoidIsIdempotentAndACaptureAfterItIsRefused() {
        Api api = new Api(port);
        String id = api.authorizeNew("50.00").json("$.id");

        assertThat(api.post("/api/v1/payments/" + id + "/void", "", Api.ORDER_SERVICE).<String>json("$.status"))
                .isEqualTo("VOIDED");
        assertThat(api.post("/api/v1/payments/" + id + "/void", "", Api.ORDER_SERVICE).status()).isEqualTo(200);
        Api.Response capture = api.post("/api/v1/payments/" + id + "/capture", "", Api.ORDER_SERVICE);

        assertThat(capture.status()).isEqualTo(409);
        assertThat(capture.<String>json("$.status")).isEqualTo("VOIDED");
        assertThat(api.payment(id).<String>json("$.status")).isEqualTo("VOIDED");
        assertThat(events(id)).containsExactly("authorized", "voided");
    }

    @Test
    void partialRefundsAddUpAndNeverExceedThePayment() {
        Api api = new Api(port);
        String id = api.authorizeNew("100.00").json("$.id");
        api.post("/api/v1/payments/" + id + "/capture", "", Api.ORDER_SERVICE);
        String refunds = "/api/v1/payments/" + id + "/refunds";
        String key = UUID.randomUUID().toString();

        Api.Response first = api.post(refunds, "{\"amount\": \"30.00\", \"reason\": \"one lamp broken\"}",
                Api.ORDER_SERVICE, key);
        Api.Response replay = api.post(refunds, "{\"amount\": \"30.00\", \"reason\": \"one lamp broken\"}",
                Api.ORDER_SERVICE, key);
        Api.Response tooMuch = api.post(refunds, "{\"amount\": \"70.01\"}", Api.ORDER_SERVICE,
                UUID.randomUUID().toString());
        Api.Response rest = api.post(refunds, "{\"amount\": \"70.00\"}", Api.ORDER_SERVICE,
                UUID.randomUUID().toString());

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.<String>json("$.status")).isEqualTo("SUCCEEDED");
        assertThat(first.<String>json("$.paymentStatus")).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.<String>json("$.id")).isEqualTo(first.json("$.id"));
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.<String>json("$.errors[0].field")).isEqualTo("amount");
        assertThat(rest.<String>json("$.paymentStatus")).isEqualTo("REFUNDED");
        assertThat(rest.<String>json("$.refundedAmount")).isEqualTo("100.00");
        assertThat(api.payment(id).<String>json("$.refundedAmount")).isEqualTo("100.00");
        assertThat(events(id)).containsExactly("authorized", "captured", "refunded", "refunded");
        assertThat(jdbc.queryForObject("/*NO LOAD BALANCE*/ SELECT count(*) FROM payments.payment_attempts"
                + " WHERE payment_id = ?::uuid AND operation = 'REFUND' AND outcome = 'SUCCEEDED'", Long.class, id))
                .as("the replay asked the provider nothing; the refused one never reached it").isEqualTo(2);
    }

    @Test
    void anUncapturedPaymentCannotBeRefunded() {
        Api api = new Api(port);
        String id = api.authorizeNew("10.00").json("$.id");

        Api.Response r = api.post("/api/v1/payments/" + id + "/refunds", "{\"amount\": \"5.00\"}", Api.ORDER_SERVICE,
                UUID.randomUUID().toString());

        assertThat(r.status()).isEqualTo(409);
        assertThat(api.payment(id).<String>json("$.refundedAmount")).isEqualTo("0.00");
    }

    @Test
    void aDeclinedPaymentCanBeNeitherCapturedNorVoided() {
        Api api = new Api(port);
        long order = Api.newOrderId();
        String id = api.post("/api/v1/payments", Api.body(order, UUID.randomUUID(), "10.00",
                PaymentSimulators.card("0002")), Api.ORDER_SERVICE, "order-" + order).json("$.id");

        assertThat(api.post("/api/v1/payments/" + id + "/capture", "", Api.ORDER_SERVICE).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/payments/" + id + "/void", "", Api.ORDER_SERVICE).status()).isEqualTo(409);
        assertThat(api.payment(id).<String>json("$.status")).isEqualTo("DECLINED");
    }

    private long captures(String id) {
        return jdbc.queryForObject("/*NO LOAD BALANCE*/ SELECT count(*) FROM payments.payment_attempts"
                + " WHERE payment_id = ?::uuid AND operation = 'CAPTURE'", Long.class, id);
    }

    private java.util.List<String> events(String id) {
        return jdbc.queryForList("/*NO LOAD BALANCE*/ SELECT event_type FROM payments.outbox WHERE aggregate_id = ?"
                + " ORDER BY version", String.class, id);
    }
}
