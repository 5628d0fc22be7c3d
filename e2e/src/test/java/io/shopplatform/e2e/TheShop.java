package io.shopplatform.e2e;

import static org.awaitility.Awaitility.await;

import io.shopplatform.model.Edge;
import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import io.shopplatform.service.testing.DataTierInitializer;
import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.service.testing.ServiceJar;
import io.shopplatform.testing.DataTier;
import io.shopplatform.user.Api;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The whole shop, once per test JVM: every service from its jar on the shared tier (the runner's environment, the
 * tests' database), started in dependency order and told where its peers are by the model's
 * {@code SHOP_<SERVICE>_URL} variables (one per edge between services); payment charging at the shared provider
 * simulators ({@link PaymentSimulators}); and a first administrator, made as the operator makes one.
 */
final class TheShop {

    /** Each service starts after every service it calls (checked against the model's edges on the way). */
    private static final List<String> START_ORDER = List.of(Shop.USER, Shop.PRODUCT, Shop.INVENTORY, Shop.PAYMENT,
            Shop.ORDER, Shop.GATEWAY, Shop.STOREFRONT);
    /**
     * The gateway's time limit per backend call (5 s in production): a checkout runs the whole saga (reserve,
     * authorize, confirm, capture) on the request's thread, and each first call into a fresh JVM pays for class
     * loading; on this busy two-core machine that has taken longer than 5 s.
     */
    private static final String GATEWAY_BACKEND_TIMEOUT = "30s";
    private static final long ADMIN_JOB_MINUTES = 5;

    private static TheShop shared;

    private final Map<String, ServiceJar> services = new LinkedHashMap<>();
    /** This run's administrator: an address of its own, so runs on the shared tier never share an account. */
    private final String adminEmail = "admin-" + UUID.randomUUID() + "@example.com";

    private TheShop() {
        for (String name : START_ORDER) {
            ServiceJar.Builder jar = ServiceJar.of(name, jar(name));
            peerUrls(name).forEach(jar::env);
            if (name.equals(Shop.PAYMENT)) {
                PaymentSimulators.shared().env().forEach(jar::env);
            }
            if (name.equals(Shop.STOREFRONT)) {   // browsers tokenize cards where payment charges them
                jar.env(Wiring.CARD_TOKENS_URL, PaymentSimulators.shared().url(PaymentSimulators.Sim.STRIPE));
            }
            if (name.equals(Shop.GATEWAY)) {
                jar.property("shop.gateway.backend.timeout", GATEWAY_BACKEND_TIMEOUT);
            }
            if (name.equals(Shop.PRODUCT)) {   // the catalog ./platform up shows: pages measured as a shopper sees them
                jar.property("shop.seed.products", Integer.toString(Shop.DEMO_CATALOG.products()))
                        .property("shop.seed.categories", Integer.toString(Shop.DEMO_CATALOG.categories()))
                        .property("shop.seed.exit", "false");
            }
            services.put(name, jar.start());
            if (name.equals(Shop.USER)) {
                createAdmin();
            }
        }
    }

    static synchronized TheShop shared() {
        if (shared == null) {
            shared = new TheShop();
        }
        return shared;
    }

    /** The one URL shoppers use. */
    int gatewayPort() {
        return services.get(Shop.GATEWAY).port();
    }

    /** The administrator's address (its password is {@link Api#GOOD_PASSWORD}). */
    String adminEmail() {
        return adminEmail;
    }

    /** Each service's actuator URL, by service name. */
    Map<String, String> managementUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach((name, jar) -> urls.put(name, jar.managementUrl()));
        return urls;
    }

    /** SIGKILL to one service, as a crash ends it (the service drill). */
    void kill(String service) {
        services.get(service).kill();
    }

    /** Starts a killed service again on its ports, with its settings; returns once it is ready. */
    void restart(String service) {
        services.get(service).restart();
    }

    /** The one URL shoppers open in a browser. */
    String storefrontUrl() {
        return services.get(Shop.STOREFRONT).url();
    }

    /** The administrator's access token, from a login through the gateway. */
    String adminToken() {
        return new Api(gatewayPort()).loggedIn(adminEmail, Api.GOOD_PASSWORD).accessToken();
    }

    /** A product of a test's own: made and stocked by the administrator, found by search under its unique word. */
    record Stocked(long id, String sku, String word, String name) {}

    /**
     * A product named {@code kind} plus a word no other product has, priced {@code price}, with {@code units} in
     * stock; returned once search finds it (the index follows the catalog's events).
     */
    Stocked stocked(String kind, String price, int units) {
        JsonHttp gateway = new JsonHttp(gatewayPort());
        String admin = adminToken();
        String word = "item" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String sku = "E2E-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
        String name = kind + " " + word;
        JsonHttp.Response created = gateway.post("/api/v1/products", """
                {"sku": "%s", "name": "%s", "description": "A %s of this test run's own.", "price": %s, "status": "ACTIVE"}"""
                .formatted(sku, name, kind.toLowerCase(), price), admin);
        if (created.status() != 201) {
            throw new IllegalStateException("the product was not created: " + created.body());
        }
        long id = ((Number) created.json("$.id")).longValue();
        JsonHttp.Response received = gateway.post("/api/v1/inventory/stock/" + sku + "/receipts",
                "{\"quantity\": " + units + "}", admin);
        if (received.status() != 200) {
            throw new IllegalStateException("the stock was not received: " + received.body());
        }
        await("the product found by search").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> gateway.get("/api/v1/search?q=" + word, null).<List<Integer>>json("$.items[*].id"),
                        ids -> ids.size() == 1);
        return new Stocked(id, sku, word, name);
    }

    /** {@code SHOP_<PEER>_URL} of every service {@code service} calls, pointing at this run's instance of it. */
    private Map<String, String> peerUrls(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Edge edge : Shop.PLATFORM.edgesFrom(service)) {
            if (edge.to().equals(service) || !Shop.PLATFORM.component(edge.to()).isService()) {
                continue;
            }
            ServiceJar peer = services.get(edge.to());
            if (peer == null) {
                throw new IllegalStateException(service + " calls " + edge.to() + ", which starts after it: fix START_ORDER");
            }
            env.put(Wiring.serviceUrlVariable(edge.to()), peer.url());
        }
        return env;
    }

    /**
     * The operator's step ({@code ./platform admin create <email>}): the user service's jar as a one-off job with
     * {@code --shop.admin.create}, the runner's environment and the password in {@code SHOP_ADMIN_PASSWORD}.
     */
    private void createAdmin() {
        String java = ProcessHandle.current().info().command().orElse("java");
        File log = new File("target/admin-create.log");
        // ServiceJar's JVM flags, scope and consumer groups: the job starts the whole service before it runs.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1"));
        command.addAll(DataTierInitializer.systemProperties());
        command.addAll(List.of("-jar", jar(Shop.USER).toAbsolutePath().toString(), "--server.port=0",
                "--management.server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--shop.admin.create=" + adminEmail));
        ProcessBuilder job = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        job.environment().putAll(DataTier.shared().env(Shop.USER));
        job.environment().put("SHOP_ADMIN_PASSWORD", Api.GOOD_PASSWORD);
        try {
            Process p = job.start();
            if (!p.waitFor(ADMIN_JOB_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("admin create did not finish in " + ADMIN_JOB_MINUTES + " min; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("admin create exited with " + p.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code services/<name>/target/<name>-service.jar}, as the pom names it ({@code shop.<name>.jar}). */
    private static Path jar(String name) {
        String jar = System.getProperty("shop." + name + ".jar");
        if (jar == null) {
            throw new IllegalStateException("shop." + name + ".jar is not set: run the tests through Maven");
        }
        return Path.of(jar);
    }
}
