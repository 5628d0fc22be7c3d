package io.shopplatform.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every bad request is a 4xx problem naming the field, and leaves payments, attempts, refunds and the outbox as they were. */
@PaymentIntegrationTest
class BadInputIntegrationTests {

    private static final String USER = UUID.randomUUID().toString();
    private static final String OK_TOKEN = "tok_visa_4242_f1_abcdefabcdefabcd";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    static Stream<Arguments> badRequests() {
        return Stream.of(
                pay("{\"orderId\": 7, \"userId\": \"%s\", \"amount\": \"-1.00\", \"currency\": \"USD\", \"cardToken\": \"%s\"}", "key-a", 400, "amount"),
                pay("{\"orderId\": 7, \"userId\": \"%s\", \"amount\": \"0\", \"currency\": \"USD\", \"cardToken\": \"%s\"}", "key-a", 400, "amount"),
                pay("{\"orderId\": 7, \"userId\": \"%s\", \"amount\": \"1.001\", \"currency\": \"USD\", \"cardToken\": \"%s\"}", "key-a", 400, "amount"),
                pay("{\"orderId\": 7, \"userId\": \"%s\", \"amount\": \"99999999.00\", \"currency\": \"USD\", \"cardToken\": \"%s\"}", "key-a", 400, "amount"),
                pay("{\"orderId\": 7, \"userId\": \"%s\", \"amount\": \"ten\", \"currency\": \"USD\", \"cardToken\": \"%s\"}", "key-a", 400, "amount"),
                pay("{\"orderId\": 7, \"userId\": \"%s\", \"amount\": \"1.00\", \"currency\": \"usd\", \"cardToken\": \"%s\"}", "key-a", 400, "currency"),
                pay("{\"orderId\": 7, \"userId\": \"%s\", \"amount\": \"1.00\", \"currency\": \"USD\", \"cardToken\": \"4242424242424242\"}", "key-a", 400, "cardToken"),
                pay("{\"orderId\": 7, \"userId\": \"%s\", \"amount\": \"1.00\", \"currency\": \"USD\"}", "key-a", 400, "cardToken"),
                pay("{\"orderId\": -7, \"userId\": \"%s\", \"amount\": \"1.00\", \"currency\": \"USD\", \"cardToken\": \"%s\"}", "key-a", 400, "orderId"),
                pay("{\"orderId\": 7, \"userId\": \"not-a-uuid\", \"amount\": \"1.00\", \"currency\": \"USD\", \"cardToken\": \"%2$s\"}", "key-a", 400, "userId"),
                pay("{\"orderId\": 7, \"userId\": \"%s\", \"amount\": \"1.00\", \"currency\": \"USD\", \"cardToken\": \"%s\", \"cardNumber\": \"4242424242424242\"}", "key-a", 400, "cardNumber"),
                pay("{\"orderId\": 7, \"userId\": \"%s\", \"amount\": \"1.00\", \"currency\": \"USD\", \"cardToken\": \"%s\"}", null, 400, "Idempotency-Key"),
                pay("{\"orderId\": 7, \"userId\": \"%s\", \"amount\": \"1.00\", \"currency\": \"USD\", \"cardToken\": \"%s\"}", "k".repeat(201), 400, "Idempotency-Key"),
                pay("[1, 2]", "key-a", 400, "body"),
                pay("{\"orderId\": ", "key-a", 400, "body"),
                Arguments.of("/api/v1/payments/" + UUID.randomUUID() + "/refunds", "{\"amount\": \"-5\"}", "key-r", 400, "amount"),
                Arguments.of("/api/v1/payments/" + UUID.randomUUID() + "/refunds", "{\"amount\": \"5.00\"}", null, 400, "Idempotency-Key"),
                Arguments.of("/api/v1/payments/" + UUID.randomUUID() + "/review", "{}", null, 400, "approve"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3} naming {4}")
    @MethodSource("badRequests")
    void aBadRequestIsAProblemNamingTheFieldAndChangesNothing(String path, String body, String key, int status,
                                                              String field) {
        Api api = new Api(port);
        Map<String, Object> before = state();
        String json = body.contains("%") ? body.formatted(USER, OK_TOKEN) : body;
        String token = path.endsWith("/review") ? Api.ADMIN : Api.ORDER_SERVICE;

        Api.Response r = api.post(path, json, token, key);

        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.<List<String>>json("$.errors[*].field")).contains(field);
        assertThat(r.body()).as("a card number is never echoed").doesNotContain("4242424242424242");
        assertThat(state()).as("nothing of this request's payment, attempts, refund or events").isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void anUnknownPaymentIsNotFound() {
        Api api = new Api(port);
        Api.Response r = api.post("/api/v1/payments/" + UUID.randomUUID() + "/capture", "", Api.ORDER_SERVICE);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/payments/not-a-uuid", Api.ORDER_SERVICE).status()).isEqualTo(400);
    }

    private Map<String, Object> state() {
        return jdbc.queryForMap("/*NO LOAD BALANCE*/ SELECT"
                + " (SELECT count(*) FROM payments.payments WHERE user_id = ?::uuid OR order_id = 7) AS payments,"
                + " (SELECT count(*) FROM payments.payment_attempts a JOIN payments.payments p ON p.id = a.payment_id"
                + "  WHERE p.user_id = ?::uuid OR p.order_id = 7) AS attempts,"
                + " (SELECT count(*) FROM payments.refunds WHERE idempotency_key = 'key-r') AS refunds,"
                + " (SELECT count(*) FROM payments.outbox WHERE payload->>'orderId' = '7') AS events", USER, USER);
    }

    private static Arguments pay(String body, String key, int status, String field) {
        return Arguments.of("/api/v1/payments", body, key, status, field);
    }
}
