package io.shopplatform.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.payment.Api;
import io.shopplatform.payment.PaymentIntegrationTest;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.service.testing.PaymentSimulators.Sim;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Provider failures, driven through the simulators' admin API; the simulators' own journals witness every charge.
 * After each test the simulators are themselves again and traffic has returned to the primary (its breaker closed).
 */
@PaymentIntegrationTest
class FallbackIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Providers providers;

    private final PaymentSimulators sims = PaymentSimulators.shared();

    /**
     * Each test starts and ends with the simulators themselves and both breakers closed: another test (or class) may
     * have left one open or half-open, and a half-open breaker lets only a few trial calls through, which the pending
     * job's calls could take. Lookups of an unknown key are the trial calls: harmless, and a success to the breaker.
     */
    @BeforeEach
    @AfterEach
    void bothBreakersClosed() {
        sims.reset();
        for (ProviderName name : ProviderName.values()) {
            Provider provider = providers.get(name);
            await(name.id() + "'s breaker closes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        try {
                            provider.lookup("probe-" + UUID.randomUUID());
                        } catch (ProviderFailure stillOpen) {
                            // not yet half-open: wait for its open time to end
                        }
                        return provider.breakerState() == CircuitBreaker.State.CLOSED;
                    });
        }
    }

    @Test
    void aPrimaryThatChargesThenTimesOutIsAskedAndNothingIsChargedTwice() {
        Api api = new Api(port);
        long order = Api.newOrderId();
        String key = PaymentSimulators.chargeKey(order);
        sims.chargeThenTimeOut(Sim.STRIPE, key, 4000);
        String body = Api.body(order, UUID.randomUUID(), "42.00", PaymentSimulators.card("4242"));

        Api.Response r = api.post("/api/v1/payments", body, Api.ORDER_SERVICE, "order-" + order);
        Api.Response replay = api.post("/api/v1/payments", body, Api.ORDER_SERVICE, "order-" + order);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.<String>json("$.status")).isEqualTo("AUTHORIZED");
        assertThat(r.<String>json("$.provider")).as("the primary had charged").isEqualTo("stripe");
        assertThat(replay.<String>json("$.id")).isEqualTo(r.json("$.id"));
        // The simulators' journals: the late answer is logged once it was sent.
        await().atMost(Duration.ofSeconds(15)).until(() -> sims.chargesMade(Sim.STRIPE, key) >= 1);
        assertThat(sims.chargesMade(key))
                .as("exactly one successful charge across both providers").isEqualTo(1);
        assertThat(outcomes(r.json("$.id"))).containsExactly("stripe:TIMEOUT");
    }

    @Test
    void aPrimaryThatTimesOutWithoutChargingIsAskedThenTheSecondaryCharges() {
        Api api = new Api(port);
        long order = Api.newOrderId();
        String key = PaymentSimulators.chargeKey(order);
        sims.timeOutWithoutCharging(Sim.STRIPE, key, 3000);

        Api.Response r = api.post("/api/v1/payments", Api.body(order, UUID.randomUUID(), "42.00",
                PaymentSimulators.card("4242")), Api.ORDER_SERVICE, "order-" + order);

        assertThat(r.<String>json("$.status")).as(r.body()).isEqualTo("AUTHORIZED");
        assertThat(r.<String>json("$.provider")).isEqualTo("paypal");
        assertThat(sims.chargesMade(Sim.STRIPE, key)).isZero();
        assertThat(sims.chargesMade(Sim.PAYPAL, key)).isEqualTo(1);
        assertThat(sims.lookups(Sim.STRIPE, key)).as("the primary was asked before the fallback charged").isEqualTo(1);
    }

    @Test
    void aSlowPrimaryWithinTheTimeLimitStillAuthorizes() {
        sims.slow(Sim.STRIPE, 400);

        Api.Response r = new Api(port).authorizeNew("18.00");

        assertThat(r.<String>json("$.status")).as(r.body()).isEqualTo("AUTHORIZED");
        assertThat(r.<String>json("$.provider")).isEqualTo("stripe");
    }

    @Test
    void withThePrimaryDownEveryAuthorizationSucceedsOnTheSecondaryAndTrafficReturnsWhenItIsBack() {
        Api api = new Api(port);
        sims.down(Sim.STRIPE);
        for (int i = 0; i < 8; i++) {
            Api.Response r = api.authorizeNew("15.00");
            assertThat(r.<String>json("$.status")).as(r.body()).isEqualTo("AUTHORIZED");
            assertThat(r.<String>json("$.provider")).isEqualTo("paypal");
        }
        assertThat(breaker("open") + breaker("half_open")).as("the primary's breaker is not closed").isEqualTo(1.0);
        assertThat(authorizations("stripe", "circuit_open")).as("calls the open breaker kept off the primary")
                .isPositive();

        sims.reset();
        await("traffic returns to the primary").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> "stripe".equals(api.authorizeNew("15.00").json("$.provider")));
        await("the breaker closes").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    api.authorizeNew("15.00");
                    return breaker("closed") == 1.0;
                });
        assertThat(api.authorizeNew("15.00").<String>json("$.provider")).isEqualTo("stripe");
        assertThat(authorizations("paypal", "succeeded")).isGreaterThanOrEqualTo(8);
    }

    @Test
    void withBothDownAPaymentIsPendingAndAuthorizedOnceTheyReturnWithItsEventInTheOutbox() {
        Api api = new Api(port);
        long order = Api.newOrderId();
        String token = PaymentSimulators.card("4242");
        sims.down(Sim.STRIPE);
        sims.down(Sim.PAYPAL);
        String body = Api.body(order, UUID.randomUUID(), "77.70", token);

        Api.Response r = api.post("/api/v1/payments", body, Api.ORDER_SERVICE, "order-" + order);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.<String>json("$.status")).isEqualTo("PENDING");
        String id = r.json("$.id");
        assertThat(api.post("/api/v1/payments", body, Api.ORDER_SERVICE, "order-" + order).<String>json("$.status"))
                .as("asking again tells the current state").isEqualTo("PENDING");

        sims.reset();
        await("the retry job authorizes it").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> "AUTHORIZED".equals(api.payment(id).json("$.status")));
        String provider = api.payment(id).json("$.provider");
        String key = PaymentSimulators.chargeKey(order);
        assertThat(sims.chargesMade(key)).isEqualTo(1);
        assertThat(sims.chargesMade(provider.equals("stripe") ? Sim.STRIPE : Sim.PAYPAL, key)).isEqualTo(1);
        assertThat(jdbc.queryForList("/*NO LOAD BALANCE*/ SELECT event_type FROM payments.outbox"
                + " WHERE aggregate_id = ?", String.class, id)).containsExactly("authorized");
        assertThat(api.post("/api/v1/payments", body, Api.ORDER_SERVICE, "order-" + order).<String>json("$.status"))
                .isEqualTo("AUTHORIZED");
    }

    private java.util.List<String> outcomes(String paymentId) {
        return jdbc.queryForList("/*NO LOAD BALANCE*/ SELECT provider || ':' || outcome FROM payments.payment_attempts"
                + " WHERE payment_id = ?::uuid ORDER BY id", String.class, paymentId);
    }

    private double breaker(String state) {
        return meters.get("resilience4j.circuitbreaker.state").tag("name", "stripe").tag("state", state).gauge().value();
    }

    private double authorizations(String provider, String outcome) {
        var counter = meters.find("shop_payment_authorizations_total").tag("provider", provider)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
