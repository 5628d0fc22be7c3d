package io.shopplatform.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Both provider simulators, WireMock servers on the stubs in {@code services/payment/simulators/<provider>} (the very
 * files {@code ./platform up} serves), one pair per test JVM. Tests change their behaviour only through WireMock's
 * admin API ({@link #admin}): fail, time out, charge and then time out; and read their request journals as the
 * witness of what was charged.
 */
public final class Simulators {

    /** The providers' names as the service knows them, with what their APIs call a charge and its key header. */
    public enum Sim {
        STRIPE("stripe", "/v1/charges", "Idempotency-Key", 200, "/v1/tokens",
                "/v1/charges/by-idempotency-key/"),
        PAYPAL("paypal", "/v2/authorizations", "PayPal-Request-Id", 201, "/v2/vault/payment-tokens",
                "/v2/authorizations/by-request-id/");

        public final String id, chargePath, keyHeader, tokenPath, lookupPath;
        public final int chargedStatus;

        Sim(String id, String chargePath, String keyHeader, int chargedStatus, String tokenPath, String lookupPath) {
            this.id = id;
            this.chargePath = chargePath;
            this.keyHeader = keyHeader;
            this.chargedStatus = chargedStatus;
            this.tokenPath = tokenPath;
            this.lookupPath = lookupPath;
        }
    }

    public static final String KEY = "sk_test_simulator";
    private static Simulators shared;

    private final Map<Sim, WireMockServer> servers;
    private final Map<Sim, WireMock> admins;

    private Simulators() {
        servers = Map.of(Sim.STRIPE, start("stripe"), Sim.PAYPAL, start("paypal"));
        admins = Map.of(Sim.STRIPE, new WireMock("127.0.0.1", servers.get(Sim.STRIPE).port()),
                Sim.PAYPAL, new WireMock("127.0.0.1", servers.get(Sim.PAYPAL).port()));
    }

    public static synchronized Simulators shared() {
        if (shared == null) {
            shared = new Simulators();
        }
        return shared;
    }

    /** Points the service under test at the simulators (until the runner's wiring provides their URLs). */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Simulators s = shared();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("simulators", Map.of(
                    "shop.payment.providers.stripe.url", s.url(Sim.STRIPE),
                    "shop.payment.providers.stripe.key", KEY,
                    "shop.payment.providers.paypal.url", s.url(Sim.PAYPAL),
                    "shop.payment.providers.paypal.key", KEY)));
        }
    }

    public String url(Sim sim) {
        return "http://127.0.0.1:" + servers.get(sim).port();
    }

    /** The simulator's admin API client. */
    public WireMock admin(Sim sim) {
        return admins.get(sim);
    }

    /** Back to the repository's stubs, scenarios at their start. */
    public void reset() {
        admins.values().forEach(a -> {
            a.resetToDefaultMappings();
            a.resetScenarios();
            a.setGlobalFixedDelayVariable(0);
        });
    }

    /** Every call answers 503 (which the providers' APIs promise did nothing) until {@link #reset}. */
    public void down(Sim sim) {
        admin(sim).register(any(anyUrl()).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\": {\"code\": \"unavailable\"}}")));
    }

    /**
     * The provider charges under {@code chargeKey} but answers only after {@code delayMillis} (past the service's
     * time limit); from then on it knows the charge: a lookup by the key finds it, a retry gets the same charge.
     */
    public void chargeThenTimeOut(Sim sim, String chargeKey, int delayMillis) {
        String scenario = "charged-" + chargeKey;
        String body = sim == Sim.STRIPE
                ? "{\"id\": \"ch_" + chargeKey + "\", \"status\": \"authorized\"}"
                : "{\"id\": \"AUTH-" + chargeKey + "\", \"status\": \"CREATED\"}";
        admin(sim).register(post(urlPathEqualTo(sim.chargePath)).atPriority(1)
                .withHeader(sim.keyHeader, equalTo(chargeKey))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("charged")
                .willReturn(aResponse().withStatus(sim.chargedStatus).withFixedDelay(delayMillis)
                        .withHeader("Content-Type", "application/json").withBody(body)));
        admin(sim).register(post(urlPathEqualTo(sim.chargePath)).atPriority(1)
                .withHeader(sim.keyHeader, equalTo(chargeKey))
                .inScenario(scenario).whenScenarioStateIs("charged")
                .willReturn(aResponse().withStatus(sim.chargedStatus)
                        .withHeader("Content-Type", "application/json").withBody(body)));
        admin(sim).register(get(urlPathEqualTo(sim.lookupPath + chargeKey)).atPriority(1)
                .inScenario(scenario).whenScenarioStateIs("charged")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** Charges under {@code chargeKey} answer 503 after {@code delayMillis}: a timeout in which nothing was charged. */
    public void timeOutWithoutCharging(Sim sim, String chargeKey, int delayMillis) {
        admin(sim).register(post(urlPathEqualTo(sim.chargePath)).atPriority(1)
                .withHeader(sim.keyHeader, equalTo(chargeKey))
                .willReturn(aResponse().withStatus(503).withFixedDelay(delayMillis)));
    }

    /** Every call is answered, correctly, after {@code delayMillis}. */
    public void slow(Sim sim, int delayMillis) {
        admin(sim).setGlobalFixedDelayVariable(delayMillis);
    }

    /**
     * The witness: how many charges under {@code chargeKey} the simulator's own journal shows it answered as made
     * (each retry of one key is the same charge to a real provider, but here every answered charge request counts).
     */
    public long chargesMade(Sim sim, String chargeKey) {
        return admin(sim).getServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("POST")
                        && e.getRequest().getUrl().equals(sim.chargePath)
                        && chargeKey.equals(e.getRequest().getHeader(sim.keyHeader)))
                .map(ServeEvent::getResponse)
                .filter(r -> r != null && r.getStatus() == sim.chargedStatus)
                .count();
    }

    private static WireMockServer start(String provider) {
        Path root = Path.of("simulators", provider);
        if (!Files.isDirectory(root.resolve("mappings"))) {
            throw new IllegalStateException("no simulator stubs at " + root.toAbsolutePath());
        }
        // Not verbose: a tokenization request carries a card number, which must reach no log.
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1").usingFilesUnderDirectory(root.toString())
                .notifier(new Slf4jNotifier(false)));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
