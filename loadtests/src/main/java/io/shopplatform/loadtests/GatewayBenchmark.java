package io.shopplatform.loadtests;

import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import io.shopplatform.testing.DataTier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the gateway hop costs: product-by-id on an L1 hit straight from the product service and through the
 * gateway (same keys, same wrk connections, alternating rounds, medians), and login throughput at the user
 * service's BCrypt cost, in one run on one machine. The gateway runs exactly as shipped (JWT filter, identity-header
 * stripping, request ids, the Redis rate limiter, breakers, metrics); only the per-client limit is raised, since
 * wrk is one client.
 *
 * <pre>mvn -q -B -pl loadtests exec:java -Dbenchmark=io.shopplatform.loadtests.GatewayBenchmark -Dexec.args="--duration 20"</pre>
 *
 * Needs the data tier and a seeded catalog ({@code ./platform up} seeds a demo one), and the three service jars.
 */
public final class GatewayBenchmark {

    private static final int ROUNDS = 5;
    /** Issue 11's bounds: the hop keeps at least half the direct throughput and adds at most 2 ms to p99. */
    private static final double MIN_SHARE = 0.5, MAX_ADDED_P99_MS = 2;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ProductCacheBenchmark.options(args);
        Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "20")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "15")));
        int keys = Integer.parseInt(options.getOrDefault("keys", "1000"));
        int accounts = Integer.parseInt(options.getOrDefault("accounts", "50"));
        Wrk wrk = new Wrk(Integer.parseInt(options.getOrDefault("threads", "2")),
                Integer.parseInt(options.getOrDefault("connections", "32")));

        DataTier tier = DataTier.shared().shop();
        Path repo = tier.home().getParent();
        Path logs = Files.createDirectories(repo.resolve("loadtests/target/benchmark"));
        List<String> paths = ProductCacheBenchmark.productPaths(tier, keys);

        try (ServiceProcess user = new ServiceProcess(jar(repo, Shop.USER), tier.env(Shop.USER),
                List.of("--logging.level.root=WARN"), logs.resolve("gateway-bench-user.log"));
             ServiceProcess product = new ServiceProcess(jar(repo, Shop.PRODUCT), tier.env(Shop.PRODUCT),
                     List.of("--logging.level.root=WARN"), logs.resolve("gateway-bench-product.log"));
             ServiceProcess gateway = gatewayForOneClient(repo,
                     gatewayEnv(tier, Map.of(Shop.USER, user.base(), Shop.PRODUCT, product.base())),
                     logs.resolve("gateway-bench-gateway.log"))) {
            System.out.printf("product-by-id (L1 hit) over %d products and login over %d accounts; wrk %s connections,"
                            + " %ds per row after %ds warm-up, direct and gateway alternating in %d rounds (medians)%n",
                    paths.size(), accounts, options.getOrDefault("connections", "32"), duration.toSeconds(),
                    warmup.toSeconds(), ROUNDS);
            paths.forEach(product::get);
            wrk.warmUp(product.base(), paths, warmup);
            wrk.warmUp(gateway.base(), paths, warmup);
            List<Wrk.Result> direct = new ArrayList<>(), hop = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                direct.add(wrk.run(product.base(), paths, duration.dividedBy(ROUNDS)));
                hop.add(wrk.run(gateway.base(), paths, duration.dividedBy(ROUNDS)));
            }

            List<Wrk.Request> logins = register(user.base(), accounts);
            wrk.warmUpSending(user.base(), logins, warmup);
            Wrk.Result login = wrk.send(user.base(), logins, duration);

            print(Wrk.median(direct), Wrk.median(hop), login);
        }
    }

    /**
     * The gateway's jar as shipped (JWT filter, Redis rate limiter, breakers, metrics) with {@code env}, only its
     * per-client limit raised: wrk is a single client.
     */
    static ServiceProcess gatewayForOneClient(Path repo, Map<String, String> env, Path log) {
        return new ServiceProcess(jar(repo, Shop.GATEWAY), env, List.of("--logging.level.root=WARN",
                "--shop.gateway.rate-limit.replenish-per-second=1000000", "--shop.gateway.rate-limit.burst=1000000"), log);
    }

    private static Path jar(Path repo, String service) {
        return repo.resolve("services").resolve(service).resolve("target").resolve(service + "-service.jar");
    }

    /** The gateway's own environment, with its routes pointed at this run's instances. */
    private static Map<String, String> gatewayEnv(DataTier tier, Map<String, String> backends) {
        Map<String, String> env = new HashMap<>(tier.env(Shop.GATEWAY));
        backends.forEach((service, base) -> env.put(Wiring.serviceUrlVariable(service), base));
        return env;
    }

    /** Accounts of this run's own, and one login request for each. */
    private static List<Wrk.Request> register(String base, int accounts) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String password = "correct horse battery staple " + UUID.randomUUID();   // shares nothing with the email
        List<Wrk.Request> logins = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            String email = "bench-" + UUID.randomUUID() + "@shop.test";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/users"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\"Bench\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201 && r.statusCode() != 200) {
                throw new IllegalStateException("registration failed: " + r.statusCode() + " " + r.body());
            }
            logins.add(Wrk.Request.postJson("/api/v1/auth/login",
                    "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
        }
        return logins;
    }

    private static void print(Wrk.Result direct, Wrk.Result hop, Wrk.Result login) {
        System.out.println();
        System.out.printf("%-34s %12s %10s %12s%n", "", "requests/s", "p99 ms", "vs direct");
        System.out.printf("%-34s %12.0f %10.2f %11.0f%%%n", "product by id, direct (L1 hit)", direct.rps(),
                direct.p99Millis(), 100.0);
        System.out.printf("%-34s %12.0f %10.2f %11.0f%%%n", "product by id, through the gateway", hop.rps(),
                hop.p99Millis(), 100 * hop.rps() / direct.rps());
        System.out.printf("%-34s %12.0f %10.2f %12s%n", "login (BCrypt), direct", login.rps(), login.p99Millis(), "-");
        double share = hop.rps() / direct.rps();
        double added = hop.p99Millis() - direct.p99Millis();
        System.out.printf("%nthe gateway keeps %.0f%% of the direct throughput (target: %.0f%% or more) and adds %.2f ms"
                + " to p99 (target: %.0f ms or less): %s%n", share * 100, MIN_SHARE * 100, added, MAX_ADDED_P99_MS,
                share >= MIN_SHARE && added <= MAX_ADDED_P99_MS ? "met" : "NOT met");
    }
}
