package io.shopplatform.loadtests.shop;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.shopplatform.model.Shop;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Shoppers on the shop's gateway: each virtual user is one visit of {@link #VISIT_ACTIONS} actions with think times
 * between requests, its own token and cart. About 70-75% of requests read (home, categories, listings, product views by
 * Zipf popularity, search, "also bought", profile, history, cart) and the rest write (registrations, logins, cart
 * changes, card checkouts, an administrator's stock receipts). {@link #LOGGED_IN_SHARE} of visits sign in at the
 * start (returning shoppers log in, new ones register); anonymous shoppers fill an anonymous cart and some sign up.
 * <p>
 * Gatling instantiates this class itself: the run it belongs to is handed over in {@link #run} by {@link ShopLoad}.
 */
public class ShopSimulation extends Simulation {

    /** Share of visits that sign in at the start (the rest browse anonymously; some of them sign up on the way). */
    static final double LOGGED_IN_SHARE = 0.4;
    /** Actions per visit: about a minute and a half of a shopper's time at the model's think time. */
    static final int VISIT_ACTIONS = 20;
    /** Source addresses the shoppers connect from (on loopback), so anonymous ones are different clients to the gateway's per-client limit, as real shoppers are. */
    private static final int CLIENT_ADDRESSES = 250;
    /** The anonymous cart's id, handed out by the shop and sent back on every call until the cart is the account's. */
    private static final String CART_HEADER = "Shop-Cart-Id";
    private static final String TOKEN = "token", CART_ID = "cartId", SKU = "sku", IN_CART = "inCart", EMAIL = "email",
            STATUS = "status", MILLIS = "millis", ORDER_CART = "orderCart", CARD = "card", PASSWORD = "password";

    /** The run this simulation belongs to; set before Gatling starts (Gatling makes the instance by reflection). */
    static volatile Run run;

    /**
     * What one run needs at hand: the plan, the shop, its catalog, the recorder, what to do as the load starts, and
     * the accounts made on the way (returning shoppers log in with them).
     */
    record Run(LoadPlan plan, ShopTarget shop, Catalog catalog, Recorder recorder, Runnable onStart, Queue<String> accounts) {
        Run(LoadPlan plan, ShopTarget shop, Catalog catalog, Recorder recorder, Runnable onStart) {
            this(plan, shop, catalog, recorder, onStart, new ConcurrentLinkedQueue<>());
        }
    }

    private final Run r = run;
    private final Duration think = r.plan().thinkTime();

    public ShopSimulation() {
        HttpProtocolBuilder protocol = http.baseUrl(r.shop().gatewayUrl() + "/api/v1")
                .acceptHeader("application/json").contentTypeHeader("application/json")
                .userAgentHeader("shop-platform-loadtest");
        if (isLoopback(r.shop().gatewayUrl())) {
            protocol = protocol.localAddresses(IntStream.rangeClosed(1, CLIENT_ADDRESSES)
                    .mapToObj(i -> "127.0." + (1 + i / 250) + "." + (1 + i % 250)).toList());
        }
        ScenarioBuilder shoppers = scenario("shoppers")
                .exec(s -> s.set(PASSWORD, "load test password " + UUID.randomUUID()))
                .exec(doIf(s -> ThreadLocalRandom.current().nextDouble() < LOGGED_IN_SHARE).then(signIn()))
                .repeat(VISIT_ACTIONS).on(doIfOrElse(s -> s.contains(TOKEN)).then(memberAction()).orElse(visitorAction()))
                .exec(s -> {
                    // Back to the returning shoppers only once this visit is over: two visits at once on one account
                    // would share its cart, and one's checkout would empty the cart the other is about to pay.
                    if (s.contains(TOKEN) && s.contains(EMAIL)) {
                        r.accounts().add(s.getString(EMAIL));
                    }
                    return s;
                });
        ScenarioBuilder admin = scenario("administrator")
                .exec(call(Action.LOGIN, http("admin login").post("/auth/login")
                        .body(StringBody(s -> json("email", r.shop().adminEmail(),
                                "password", r.shop().adminPassword()))), jsonPath("$.accessToken").saveAs(TOKEN)))
                .repeat(VISIT_ACTIONS).on(exec(s -> s.set(SKU, r.catalog().popular().sku()))
                        .exec(call(Action.STOCK_RECEIPT, http("stock receipt").post("/inventory/stock/#{sku}/receipts")
                                .body(StringBody("{\"quantity\": 100, \"reason\": \"load test restock\"}")))));
        Duration grace = think.multipliedBy(5);
        setUp(shoppers.injectClosed(shape(r.plan())).protocols(protocol),
                admin.injectClosed(constantConcurrentUsers(1).during(r.plan().duration())).protocols(protocol))
                .exponentialPauses()
                .maxDuration(r.plan().duration().plus(grace))
                // For the HTML report; the run's verdict comes from ShopLoad's gates, which also read the services.
                .assertions(global().responseTime().percentile(95.0).lt((int) Shop.PLATFORM.sla().responseTimeP95().toMillis()),
                        global().failedRequests().percent().lt(100 * (1 - Shop.PLATFORM.sla().availability())));
    }

    @Override
    public void before() {
        r.recorder().start();
        r.onStart().run();
    }

    /** The closed-model injection of a plan's shape. */
    static List<ClosedInjectionStep> shape(LoadPlan plan) {
        int users = plan.users();
        Duration d = plan.duration();
        return switch (plan.shape()) {
            case CONSTANT, SOAK -> List.of(constantConcurrentUsers(users).during(d));
            case RAMP -> List.of(rampConcurrentUsers(1).to(users).during(d));
            case SPIKE -> {
                int base = Math.max(1, users / 5);
                yield List.of(constantConcurrentUsers(base).during(d.dividedBy(3)),
                        constantConcurrentUsers(users).during(d.dividedBy(3)),
                        constantConcurrentUsers(base).during(d.minus(d.dividedBy(3).multipliedBy(2))));
            }
            case STEP -> {
                List<ClosedInjectionStep> levels = new ArrayList<>();
                for (int k = 1; k <= plan.steps(); k++) {
                    levels.add(constantConcurrentUsers(k * users).during(plan.levelDuration()));
                }
                yield levels;
            }
        };
    }

    private ChainBuilder memberAction() {
        return randomSwitch().on(
                percent(9).then(home()), percent(4).then(categories()), percent(12).then(category()),
                percent(22).then(product()), percent(8).then(search()), percent(6).then(alsoBought()),
                percent(4).then(profile()), percent(4).then(history()),
                percent(17).then(cartAdd()), percent(5).then(cartUpdate()), percent(7).then(checkout()),
                percent(2).then(login()));
    }

    private ChainBuilder visitorAction() {
        return randomSwitch().on(
                percent(12).then(home()), percent(5).then(categories()), percent(15).then(category()),
                percent(30).then(product()), percent(10).then(search()), percent(6).then(alsoBought()),
                percent(17).then(cartAdd()), percent(5).then(signUp()));
    }

    private ChainBuilder home() {
        return call(Action.HOME, http("home").get("/recommendations/popular"));
    }

    private ChainBuilder categories() {
        return call(Action.CATEGORIES, http("categories").get("/categories"));
    }

    private ChainBuilder category() {
        if (r.catalog().categories().isEmpty()) {
            return product();   // a catalog without categories (a test database has none): shoppers open products
        }
        return exec(s -> s.set("category", r.catalog().category()).set("page", ThreadLocalRandom.current().nextInt(3)))
                .exec(call(Action.CATEGORY, http("category listing").get("/products?category=#{category}&page=#{page}")));
    }

    private ChainBuilder product() {
        return exec(s -> s.set("product", r.catalog().popular().id()))
                .exec(call(Action.PRODUCT, http("product view").get("/products/#{product}")));
    }

    private ChainBuilder search() {
        return exec(s -> s.set("q", r.catalog().searchWord()))
                .exec(call(Action.SEARCH, http("search").get("/search?q=#{q}")));
    }

    private ChainBuilder alsoBought() {
        return exec(s -> s.set("product", r.catalog().popular().id()))
                .exec(call(Action.ALSO_BOUGHT, http("also bought").get("/recommendations/for/#{product}")));
    }

    private ChainBuilder profile() {
        return call(Action.PROFILE, http("profile").get("/users/me"));
    }

    private ChainBuilder history() {
        return call(Action.HISTORY, http("order history").get("/orders"));
    }

    private ChainBuilder cartAdd() {
        return exec(s -> {
            Catalog.Product p = r.catalog().popular();
            return s.set("product", p.id()).set("adding", p.sku()).set("quantity", 1 + ThreadLocalRandom.current().nextInt(2));
        }).exec(call(Action.CART_ADD, http("cart add").post("/cart/items")
                        .body(StringBody("{\"productId\": #{product}, \"quantity\": #{quantity}}")),
                header(CART_HEADER).optional().saveAs("answeredCart")))
                .exec(s -> {
                    Session after = s.contains("answeredCart") ? s.set(CART_ID, s.getString("answeredCart")).remove("answeredCart") : s;
                    // Only a line the cart took is the one a later update changes (a refused add, say out of stock, is not).
                    return after.contains(STATUS) && after.getInt(STATUS) == 200
                            ? after.set(IN_CART, true).set(SKU, after.getString("adding")) : after;
                });
    }

    /** Sets the quantity of the line added last (adds one first if the cart is empty). */
    private ChainBuilder cartUpdate() {
        return doIfOrElse(s -> s.contains(IN_CART))
                .then(exec(s -> s.set("quantity", 1 + ThreadLocalRandom.current().nextInt(3)))
                        .exec(call(Action.CART_UPDATE, http("cart update").put("/cart/items/#{sku}")
                                .body(StringBody("{\"quantity\": #{quantity}}")))))
                .orElse(cartAdd());
    }

    /** The cart, a card tokenized at the provider (as the shopper's browser does), the order under a key of its own. */
    private ChainBuilder checkout() {
        String tokens = r.shop().cardTokenUrl() + "/v1/tokens";
        return doIfOrElse(s -> s.contains(IN_CART)).then(
                call(Action.CART, http("cart").get("/cart"), jsonPath("$.id").optional().saveAs(ORDER_CART))
                        .exec(s -> s.set("cardNumber", Cards.authorized()))
                        .exec(call(Action.CARD_TOKEN, http("card token").post(tokens)
                                .header("Authorization", "Bearer " + r.shop().cardKey())
                                .body(StringBody(
                                        "{\"number\": \"#{cardNumber}\", \"exp_month\": 12, \"exp_year\": 2031, \"cvc\": \"123\"}")),
                                jsonPath("$.id").optional().saveAs(CARD)))
                        .exec(doIf(s -> s.contains(ORDER_CART) && s.contains(CARD)).then(
                                exec(s -> s.set("key", UUID.randomUUID().toString()))
                                        .exec(call(Action.CHECKOUT, http("checkout").post("/orders")
                                                .header("Idempotency-Key", "#{key}")
                                                .body(StringBody("""
                                                        {"cartId": "#{orderCart}", "cardToken": "#{card}", "shippingAddress":
                                                         {"name": "Load Shopper", "line1": "1 Load Road", "city": "Testville",
                                                          "postalCode": "12345", "country": "US"}}"""))))
                                        .exec(s -> s.remove(IN_CART).remove(ORDER_CART).remove(CARD)))))
                .orElse(cartAdd());
    }

    /** At the start of a visit: a returning shopper logs in, a new one registers first. */
    private ChainBuilder signIn() {
        return exec(s -> {
            String returning = r.accounts().poll();
            return returning == null ? s : s.set(EMAIL, returning);
        }).exec(doIfOrElse(s -> s.contains(EMAIL)).then(login()).orElse(signUp()));
    }

    /**
     * A random name the password cannot contain: the user service refuses a password holding any part of four or
     * more characters of the email's name, and the password carries a UUID (hex).
     */
    private static String lettersNotInHex(int length) {
        StringBuilder name = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            name.append((char) ('g' + random.nextInt('z' - 'g' + 1)));
        }
        return name.toString();
    }

    private ChainBuilder signUp() {
        return exec(s -> s.set(EMAIL, "shopper." + lettersNotInHex(12) + "@shop.test"))
                .exec(call(Action.REGISTER, http("register").post("/users")
                        .body(StringBody(s -> json("email", s.getString(EMAIL),
                                "password", s.getString(PASSWORD), "displayName", "Load Shopper")))))
                .exec(s -> s.set(EMAIL, s.getString(EMAIL) + "\n" + s.getString(PASSWORD)))
                .exec(login());
    }

    /** Logs in as {@code email} (an address and its password): the anonymous cart becomes the account's. */
    private ChainBuilder login() {
        return exec(s -> {
            String[] account = s.getString(EMAIL).split("\n", 2);
            return s.set("loginBody", json("email", account[0], "password", account[1]));
        }).exec(call(Action.LOGIN, http("login").post("/auth/login").body(
                        StringBody("#{loginBody}")),
                jsonPath("$.accessToken").optional().saveAs("newToken")))
                .exec(s -> {
                    if (!s.contains("newToken")) {
                        return s;
                    }
                    // The anonymous cart stays behind (this client does not merge it): the account's own cart is used from now on.
                    return s.set(TOKEN, s.getString("newToken")).remove("newToken").remove(CART_ID).remove(IN_CART);
                });
    }

    /**
     * One request of group {@code action}: its status and response time recorded whatever happens (checks that only
     * save come first, so they hold even when the status check fails), then the think time.
     */
    private ChainBuilder call(Action action, HttpRequestActionBuilder request,
                              io.gatling.javaapi.core.CheckBuilder... extra) {
        List<io.gatling.javaapi.core.CheckBuilder> checks = new ArrayList<>(List.of(
                status().saveAs(STATUS), responseTimeInMillis().saveAs(MILLIS)));
        checks.addAll(List.of(extra));
        checks.add(status().in(List.copyOf(action.expected())));
        HttpRequestActionBuilder checked = request.check(checks);
        // As this shopper sends it: their token once signed in, else their anonymous cart's id once they have one.
        ChainBuilder send = !action.throughGateway() ? exec(checked)
                : doIfOrElse(s -> s.contains(TOKEN)).then(exec(checked.header("Authorization", "Bearer #{token}")))
                .orElse(doIfOrElse(s -> s.contains(CART_ID)).then(exec(checked.header(CART_HEADER, "#{cartId}")))
                        .orElse(exec(checked)));
        return exec(s -> s.remove(STATUS).remove(MILLIS))
                .exec(send)
                .exec(s -> {
                    r.recorder().record(action, s.contains(STATUS) ? s.getInt(STATUS) : Recorder.NO_ANSWER,
                            s.contains(MILLIS) ? s.getLong(MILLIS) : 0);
                    return s;
                })
                .pause(think);
    }

    private static String json(String... pairs) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(i == 0 ? "" : ", ").append('"').append(pairs[i]).append("\": \"")
                    .append(pairs[i + 1].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }

    private static boolean isLoopback(String url) {
        String host = URI.create(url).getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127."));
    }
}
