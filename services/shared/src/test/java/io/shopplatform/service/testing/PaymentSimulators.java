package io.shopplatform.service.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.jayway.jsonpath.JsonPath;
import io.shopplatform.model.PaymentProvider;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Both payment-provider simulators, WireMock servers in this JVM on the stubs in
 * {@code services/payment/simulators/<provider>} (the very files {@code ./platform up} serves), one pair per test JVM,
 * for the payment service under test and for a payment service other modules' tests start from its jar. Tests change
 * their behaviour only through WireMock's admin API: fail, time out, be slow, charge and then time out, answer late;
 * and read their request journals as the witness of what was charged and captured.
 *
 * <p>The journal holds a request, with the answer the simulator rendered, from the moment it was matched, before a
 * delayed answer leaves: so a charge it holds shows as made while its caller still waits, as at a real provider.
 */
public final class PaymentSimulators {

    /** The providers as the model names them, with what their APIs call a charge, its key header and its id. */
    public enum Sim {
        STRIPE("stripe", 200, "ch_", "$.source", "/v1/tokens", "/by-idempotency-key/", "authorized"),
        PAYPAL("paypal", 201, "AUTH-", "$.payment_source.token.id", "/v2/vault/payment-tokens", "/by-request-id/",
                "CREATED");

        public final String id, chargePath, keyHeader, chargeIdPrefix, cardPath, tokenPath, lookupPath;
        public final int chargedStatus;
        private final String chargedState;

        /** The charge path and key header are the model's ({@link PaymentProvider}); a lookup by key sits under the first. */
        Sim(String id, int chargedStatus, String chargeIdPrefix, String cardPath, String tokenPath, String lookupUnderCharges,
            String chargedState) {
            this.id = id;
            this.chargePath = provider().chargePath();
            this.keyHeader = provider().idempotencyHeader();
            this.chargedStatus = chargedStatus;
            this.chargeIdPrefix = chargeIdPrefix;
            this.cardPath = cardPath;
            this.tokenPath = tokenPath;
            this.lookupPath = chargePath + lookupUnderCharges;
            this.chargedState = chargedState;
        }

        /** The model's provider this simulator plays. */
        public PaymentProvider provider() {
            return Shop.PAYMENT_PROVIDERS_IN_ORDER.stream().filter(p -> p.name().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the model has no payment provider " + id));
        }

        static Sim of(PaymentProvider provider) {
            for (Sim sim : values()) {
                if (sim.id.equals(provider.name())) {
                    return sim;
                }
            }
            throw new IllegalStateException("no simulator for the model's payment provider " + provider.name());
        }

        /** The path capturing the charge made under {@code chargeKey} (its id is the prefix and the key). */
        String capturePath(String chargeKey) {
            return chargePath + "/" + chargeIdPrefix + chargeKey + "/capture";
        }
    }

    /** The last four digits of a card the simulators' stubs decline (any other is authorized). */
    public static final String DECLINED_LAST4 = "0002";
    /** The API key the simulators are called with (they take any bearer key). */
    public static final String KEY = "sk_test_simulator";
    /** Marks the simulator's call to itself behind a late answer; the journal's witnesses skip those. */
    private static final String RELAY = "X-Simulator-Relay";
    private static final String ORDER_CHARGE = "charge-order-";
    /** Any charge key, in a URL pattern. */
    private static final String ANY_KEY = "[^/]+";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static PaymentSimulators shared;

    private final Map<Sim, WireMockServer> servers = new LinkedHashMap<>();
    private final Map<Sim, WireMock> admins = new LinkedHashMap<>();
    /** The ids of the repository's stubs, as each simulator loaded them: what {@link #reset} keeps. */
    private final Map<Sim, Set<UUID>> repositoryStubs = new LinkedHashMap<>();

    private PaymentSimulators() {
        Path stubs = stubFolder();
        for (Sim sim : Sim.values()) {
            WireMockServer server = start(stubs.resolve(sim.id));
            servers.put(sim, server);
            admins.put(sim, new WireMock("127.0.0.1", server.port()));
            repositoryStubs.put(sim, Set.copyOf(stubIds(sim)));
        }
    }

    public static synchronized PaymentSimulators shared() {
        if (shared == null) {
            shared = new PaymentSimulators();
        }
        return shared;
    }

    /**
     * The payment service's {@code SHOP_PAYMENT_<PROVIDER>_{URL,KEY}} (the model's names) pointing at these
     * simulators: for a payment service started from its jar, or (by {@link Initializer}) the one under test.
     */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (PaymentProvider provider : Shop.PAYMENT_PROVIDERS_IN_ORDER) {
            env.put(provider.urlVariable(), url(Sim.of(provider)));
            env.put(provider.keyVariable(), KEY);
        }
        return env;
    }

    /** Points the payment service under test at {@link #shared()}'s simulators, over the runner's addresses. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("payment-simulators",
                    new LinkedHashMap<>(shared().env())));
        }
    }

    public String url(Sim sim) {
        return "http://127.0.0.1:" + servers.get(sim).port();
    }

    /** The simulator's admin API client. */
    public WireMock admin(Sim sim) {
        return admins.get(sim);
    }

    /**
     * Back to the repository's stubs, scenarios at their start, no delay. The journals are kept (WireMock's own
     * reset of the mappings would empty them): they witness every charge of the test run, before and after.
     */
    public void reset() {
        for (Sim sim : Sim.values()) {
            WireMock admin = admin(sim);
            admin.allStubMappings().getMappings().stream()
                    .filter(stub -> !repositoryStubs.get(sim).contains(stub.getId()))
                    .forEach(admin::removeStubMapping);
            admin.resetScenarios();
            admin.setGlobalFixedDelayVariable(0);
        }
    }

    private List<UUID> stubIds(Sim sim) {
        return admin(sim).allStubMappings().getMappings().stream().map(StubMapping::getId).toList();
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
        chargeThenTimeOut(sim, "charged-" + chargeKey, m -> m.withHeader(sim.keyHeader, equalTo(chargeKey)),
                urlPathEqualTo(sim.lookupPath + chargeKey), delayMillis);
    }

    /**
     * As {@link #chargeThenTimeOut(Sim, String, int)} for the first charge with card token {@code cardToken}, whose
     * key (an order's) the test does not know beforehand; meanwhile a lookup of any key finds a charge.
     */
    public void chargeThenTimeOutForCard(Sim sim, String cardToken, int delayMillis) {
        chargeThenTimeOut(sim, "charged-" + cardToken, m -> m.withRequestBody(matchingJsonPath(sim.cardPath,
                equalTo(cardToken))), urlPathMatching(sim.lookupPath + ANY_KEY), delayMillis);
    }

    private void chargeThenTimeOut(Sim sim, String scenario, UnaryOperator<MappingBuilder> which,
                                   UrlPattern lookup, int delayMillis) {
        // The charge itself is the repository's stub's (reached through the relay); later charges under the key
        // meet the repository's stubs directly: the same charge again.
        admin(sim).register(which.apply(post(urlPathEqualTo(sim.chargePath)).atPriority(1)
                        .withHeader(RELAY, absent()))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("charged")
                .willReturn(relayed(sim).withFixedDelay(delayMillis)));
        admin(sim).register(get(lookup).atPriority(1)
                .inScenario(scenario).whenScenarioStateIs("charged")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"id\": \"" + sim.chargeIdPrefix + "{{request.path.[3]}}\", \"status\": \""
                                + sim.chargedState + "\"}")));
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
     * Charges with card token {@code cardToken} are made at once, as the repository's stubs decide (authorized or
     * declined), and answered only after {@code delayMillis}: the caller waits while the money is already held.
     */
    public void answerChargesLate(Sim sim, String cardToken, int delayMillis) {
        admin(sim).register(post(urlPathEqualTo(sim.chargePath)).atPriority(1).withHeader(RELAY, absent())
                .withRequestBody(matchingJsonPath(sim.cardPath, equalTo(cardToken)))
                .willReturn(relayed(sim).withFixedDelay(delayMillis)));
    }

    /** Every capture is made at once and answered only after {@code delayMillis}. */
    public void answerCapturesLate(Sim sim, int delayMillis) {
        admin(sim).register(post(urlPathMatching(sim.capturePath(ANY_KEY))).atPriority(1)
                .withHeader(RELAY, absent()).willReturn(relayed(sim).withFixedDelay(delayMillis)));
    }

    /** The simulator's answer to the same request as its repository stubs give it (a call to itself). */
    private ResponseDefinitionBuilder relayed(Sim sim) {
        return aResponse().proxiedFrom(url(sim)).withAdditionalRequestHeader(RELAY, "late");
    }

    /**
     * The witness: how many charges under {@code chargeKey} the simulator's own journal shows it answered as made
     * (each retry of one key is the same charge to a real provider, but here every answered charge request counts).
     */
    public long chargesMade(Sim sim, String chargeKey) {
        return answered(sim, sim.chargePath, sim.chargedStatus, r -> chargeKey.equals(r.getHeader(sim.keyHeader)));
    }

    /** How many captures of the charge made under {@code chargeKey} the simulator's journal shows it made. */
    public long captures(Sim sim, String chargeKey) {
        return answered(sim, sim.capturePath(chargeKey), 0, r -> true);
    }

    /** How often the simulator was asked whether it made a charge under {@code chargeKey} (after a timeout). */
    public long lookups(Sim sim, String chargeKey) {
        return journal(sim).stream().filter(e -> e.request().getMethod().getName().equals("GET")
                && e.request().getUrl().equals(sim.lookupPath + chargeKey)).count();
    }

    /** The keys of the charge requests with card token {@code cardToken} the simulator took, whatever it answers. */
    public List<String> chargeKeys(Sim sim, String cardToken) {
        return journal(sim).stream()
                .filter(e -> e.posted(sim.chargePath) && cardToken.equals(card(sim, e.request())))
                .map(e -> e.request().getHeader(sim.keyHeader)).distinct().toList();
    }

    /**
     * The key the payment service charges order {@code orderId}'s payment under: {@code charge-} and the
     * {@code Idempotency-Key} the order service pays it with, {@code order-<id>}.
     */
    public static String chargeKey(long orderId) {
        return ORDER_CHARGE + orderId;
    }

    /** The order whose payment was charged under {@code chargeKey} (one of {@link #chargeKey}'s). */
    public static long orderOf(String chargeKey) {
        if (!chargeKey.startsWith(ORDER_CHARGE)) {
            throw new IllegalArgumentException(chargeKey + " is not an order's charge key");
        }
        return Long.parseLong(chargeKey.substring(ORDER_CHARGE.length()));
    }

    /** Across both simulators: {@link #chargesMade} and {@link #captures} summed. */
    public long chargesMade(String chargeKey) {
        return chargesMade(Sim.STRIPE, chargeKey) + chargesMade(Sim.PAYPAL, chargeKey);
    }

    public long captures(String chargeKey) {
        return captures(Sim.STRIPE, chargeKey) + captures(Sim.PAYPAL, chargeKey);
    }

    /** POSTs to {@code path} the simulator answered with {@code status} (0: any 2xx). */
    private long answered(Sim sim, String path, int status, Predicate<LoggedRequest> which) {
        return journal(sim).stream()
                .filter(e -> e.posted(path) && (status == 0 ? e.status() / 100 == 2 : e.status() == status)
                        && which.test(e.request()))
                .count();
    }

    private record Served(LoggedRequest request, int status) {
        boolean posted(String path) {
            return request.getMethod().getName().equals("POST") && request.getUrl().equals(path);
        }
    }

    /** What the simulator answered, without its calls to itself behind a late answer (the outer request counts). */
    private List<Served> journal(Sim sim) {
        return admin(sim).getServeEvents().stream()
                .filter(e -> e.getResponse() != null && !e.getRequest().containsHeader(RELAY))
                .map(e -> new Served(e.getRequest(), e.getResponse().getStatus())).toList();
    }

    private static String card(Sim sim, LoggedRequest request) {
        try {
            return Objects.toString(JsonPath.read(request.getBodyAsString(), sim.cardPath), null);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** A Visa-like number of this run's own (a card fingerprint no other test shares), ending in {@code last4}. */
    public static String newCard(String last4) {
        StringBuilder digits = new StringBuilder("4");
        for (int i = 0; i < 11; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.append(last4).toString();
    }

    /** A token of a new card ending in {@code last4} ({@link #DECLINED_LAST4}: declined by the simulators). */
    public static String card(String last4) {
        return tokenize(newCard(last4));
    }

    /**
     * A card token from a simulator's tokenization, as a shopper's browser would get it: the primary's, or the
     * secondary's while the primary is down (both simulators' tokens work at both).
     */
    public static String tokenize(String cardNumber) {
        String primary = shared().tokenize(Sim.STRIPE, cardNumber);
        return primary != null ? primary : shared().tokenize(Sim.PAYPAL, cardNumber);
    }

    private String tokenize(Sim sim, String cardNumber) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create(url(sim) + sim.tokenPath))
                    .header("Authorization", "Bearer " + KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"number\": \"" + cardNumber
                            + "\", \"exp_month\": 12, \"exp_year\": 2031, \"cvc\": \"123\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 503 && sim == Sim.STRIPE) {
                return null;
            }
            if (r.statusCode() != 200) {
                throw new AssertionError("tokenization failed: " + r.statusCode() + " " + r.body());
            }
            return JsonPath.read(r.body(), "$.id");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code services/payment/simulators} of this clone, from any module's folder (where Maven runs the tests). */
    private static Path stubFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path stubs = dir.resolve("services/payment/simulators");
            if (Files.isDirectory(stubs)) {
                return stubs;
            }
        }
        throw new IllegalStateException("no services/payment/simulators above " + Path.of("").toAbsolutePath());
    }

    private static WireMockServer start(Path root) {
        if (!Files.isDirectory(root.resolve("mappings"))) {
            throw new IllegalStateException("no simulator stubs at " + root.toAbsolutePath());
        }
        // Not verbose: a tokenization request carries a card number, which must reach no log.
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1").usingFilesUnderDirectory(root.toString())
                // As ./platform up serves them: browsers tokenize cards here from the storefront's origin.
                .stubCorsEnabled(true)
                .notifier(new Slf4jNotifier(false)));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
