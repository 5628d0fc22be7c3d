package io.shopplatform.loadtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shopplatform.loadtests.shop.LocalShop;
import io.shopplatform.model.Shop;
import io.shopplatform.testing.DataTier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The ceilings the shop is compared against, measured in one run on this machine against the running local shop,
 * then the last load run's figures ({@code summary.json}) as ratios of them: absolute figures belong to the machine
 * and its neighbours, ratios to the shop.
 * <ul>
 *   <li>HTTP: product by id on an L1 hit (the cheapest thing the shop serves) straight from the running product
 *   service and through a gateway as shipped in front of it (only its per-client limit raised: wrk is one client),
 *   alternating rounds, medians ({@link Wrk}, as {@link GatewayBenchmark}).</li>
 *   <li>PostgreSQL through PgPool ({@link PgBench}): the product service's read by id, and the order service's
 *   statements of a cart add and a checkout (on the tests' database, every row deleted afterwards).</li>
 *   <li>Redis ({@link RedisBenchmark}): the L2 cache's SET with a TTL and GET, at the services' key and value sizes.</li>
 * </ul>
 * {@code ./platform load ceilings [--duration SECONDS] [--warmup SECONDS] [--connections N]}; writes
 * {@code ceilings.json} into {@code loadtests/target/load/ceilings-<time>/}.
 */
public final class Ceilings {

    /** One ceiling: operations per second and latency of one path measured alone. */
    record Ceiling(String key, String name, double perSecond, double p50Ms, double p95Ms, double p99Ms) {}

    /** A figure of the shop's run over the matching ceiling's. */
    record Ratio(String figure, double shop, double ceiling, String unit) {
        double ratio() {
            return ceiling > 0 ? shop / ceiling : Double.NaN;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int ROUNDS = 3, PRODUCT_KEYS = 200;

    private Ceilings() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ProductCacheBenchmark.options(args);
        Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "15")));
        // A gateway started cold on a busy 2-core machine answered 10-20 requests/s for its first minute (C2 still
        // compiling): the warm-up must outlast that, or the hop measures the JIT.
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "45")));
        int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
        Path repo = Path.of(System.getProperty("shop.platform.repo", ".")).toAbsolutePath().normalize();
        System.setProperty("shop.platform.home", repo.resolve(".platform").toString());
        DataTier tests = DataTier.shared(), shop = tests.shop();
        Path results = Files.createDirectories(repo.resolve("loadtests/target/load"));
        Map<String, Object> machine = Machine.describe();
        System.out.println("ceilings on " + machine.get("summary") + "; " + duration.toSeconds() + " s per measurement");

        List<Ceiling> redis = redis(shop, connections);   // first: the quickest, so a surprise there costs least
        List<Ceiling> ceilings = new ArrayList<>(http(repo, shop, results, new Wrk(2, connections), warmup, duration));
        ceilings.addAll(database(shop, tests, new PgBench(connections / 2, 2), duration));
        ceilings.addAll(redis);

        Optional<Path> summaryFile = newestSummary(results);
        List<Ratio> ratios = new ArrayList<>();
        Map<String, Object> shopFigures = new LinkedHashMap<>();
        if (summaryFile.isPresent()) {
            JsonNode summary = JSON.readTree(summaryFile.get().toFile());
            shopFigures = shopFigures(summary, summaryFile.get());
            ratios = ratios(shopFigures, ceilings);
        }
        print(ceilings, shopFigures, ratios);

        Path dir = Files.createDirectories(results.resolve("ceilings-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("machine", machine);
        out.put("durationSeconds", duration.toSeconds());
        out.put("warmupSeconds", warmup.toSeconds());
        out.put("connections", connections);
        out.put("ceilings", ceilings);
        out.put("shop", shopFigures);
        out.put("ratios", ratios.stream().map(r -> Map.of("figure", r.figure(), "shop", r.shop(), "ceiling",
                r.ceiling(), "unit", r.unit(), "ratio", round(r.ratio()))).toList());
        JSON.writeValue(dir.resolve("ceilings.json").toFile(), out);
        System.out.println("\nceilings: " + dir.resolve("ceilings.json"));
    }

    /** Product by id on an L1 hit, straight from the running product service and through a gateway in front of it. */
    private static List<Ceiling> http(Path repo, DataTier shop, Path results, Wrk wrk, Duration warmup,
                                      Duration duration) throws Exception {
        String product = LocalShop.serviceUrl(repo, Shop.PRODUCT);
        List<String> paths = ProductCacheBenchmark.productPaths(shop, PRODUCT_KEYS);
        Path log = results.resolve("ceilings-gateway.log");
        // The gateway's own environment routes to the running services; a second instance leaves the shop's alone.
        try (ServiceProcess gateway = GatewayBenchmark.gatewayForOneClient(repo, shop.env(Shop.GATEWAY), log)) {
            System.out.println("http: product by id over " + paths.size() + " products, direct and through the gateway,"
                    + " " + ROUNDS + " alternating rounds");
            wrk.warmUp(product, paths, warmup.dividedBy(3));
            wrk.warmUp(gateway.base(), paths, warmup);
            List<Wrk.Result> direct = new ArrayList<>(), hop = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                direct.add(wrk.run(product, paths, duration.dividedBy(ROUNDS)));
                hop.add(wrk.run(gateway.base(), paths, duration.dividedBy(ROUNDS)));
            }
            return List.of(http("productDirect", "product by id (L1 hit), direct", Wrk.median(direct)),
                    http("productViaGateway", "product by id (L1 hit), via the gateway", Wrk.median(hop)));
        }
    }

    private static Ceiling http(String key, String name, Wrk.Result r) {
        return new Ceiling(key, name, r.rps(), r.p50Millis(), r.p95Millis(), r.p99Millis());
    }

    /** The product read on the shop's catalog; the checkout's writes on the tests' database, cleaned up after. */
    private static List<Ceiling> database(DataTier shop, DataTier tests, PgBench pgbench, Duration duration)
            throws SQLException {
        URI pgpool = URI.create(shop.jdbcUrlOfOnePgPool().substring("jdbc:".length()));
        Map<String, String> ids = new LinkedHashMap<>();
        try (Connection c = shop.connect(shop.role(Shop.PRODUCT)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT min(id), max(id) FROM catalog.products")) {
            rs.next();
            ids.put("min_id", Long.toString(rs.getLong(1)));
            ids.put("max_id", Long.toString(rs.getLong(2)));
        }
        System.out.println("pgbench: product read, then cart add + checkout, " + pgbench.clients()
                + " clients through PgPool at " + pgpool.getPort());
        PgBench.Result read = pgbench.run("product-read.sql", ids, pgpool.getHost(), pgpool.getPort(), shop.database(),
                shop.role(Shop.PRODUCT), duration);
        PgBench.Result write;
        try {
            shoppers(tests, pgbench.clients());
            write = pgbench.run("checkout-write.sql", ids, pgpool.getHost(), pgpool.getPort(), tests.database(),
                    tests.role(Shop.ORDER), duration);
        } finally {
            shoppers(tests, 0);
        }
        return List.of(
                new Ceiling("productRead", "pgbench: product read by id (PgPool)", read.tps(), read.p50Ms(),
                        read.p95Ms(), read.p99Ms()),
                new Ceiling("checkoutWrite", "pgbench: cart add + checkout (PgPool)", write.tps(), write.p50Ms(),
                        write.p95Ms(), write.p99Ms()));
    }

    private static List<Ceiling> redis(DataTier shop, int connections) {
        RedisBenchmark redis = new RedisBenchmark(shop.redisNodes().split(",")[0], shop.redisPassword(), connections,
                100_000);
        RedisBenchmark.Sizes sizes = redis.sizes();
        System.out.printf("redis-benchmark: SET with a TTL then GET, %d-byte keys, %d-byte values (%s)%n",
                sizes.keyBytes(), sizes.valueBytes(), sizes.sampled() > 0 ? "mean of " + sizes.sampled()
                        + " of the services' keys" : "no service keys yet: a product's sizes");
        List<RedisBenchmark.Result> r = redis.setThenGet(sizes);
        String size = " (" + sizes.keyBytes() + " B key, " + sizes.valueBytes() + " B value)";
        return List.of(
                new Ceiling("redisSet", "redis-benchmark: SET ... PX" + size, r.get(0).rps(), r.get(0).p50Ms(),
                        r.get(0).p95Ms(), r.get(0).p99Ms()),
                new Ceiling("redisGet", "redis-benchmark: GET" + size, r.get(1).rps(), r.get(1).p50Ms(),
                        r.get(1).p95Ms(), r.get(1).p99Ms()));
    }

    /**
     * Makes the carts of {@code count} shoppers for the checkout script on the tests' database (user ids ending in the
     * pgbench client's number), after deleting every row an earlier run left: with 0, only deletes.
     */
    private static void shoppers(DataTier tests, int count) throws SQLException {
        String ours = "user_id::text LIKE 'c0ffee00-0000-4000-8000-%'";
        try (Connection c = tests.connect(tests.role(Shop.ORDER)); Statement s = c.createStatement()) {
            for (String table : List.of("checkout_sagas", "order_requests", "order_items")) {
                s.executeUpdate("DELETE FROM orders." + table + " t USING orders.orders o WHERE t.order_id = o.order_id"
                        + " AND t.order_created_at = o.created_at AND o." + ours);
            }
            s.executeUpdate("DELETE FROM orders.orders WHERE " + ours);
            s.executeUpdate("DELETE FROM orders.carts WHERE " + ours);   // their lines go with them
            if (count > 0) {
                s.executeUpdate("INSERT INTO orders.carts (user_id) SELECT ('c0ffee00-0000-4000-8000-'"
                        + " || lpad(g::text, 12, '0'))::uuid FROM generate_series(0, " + (count - 1) + ") g");
            }
        }
    }

    /**
     * What the ratios need of a load run's summary: requests/s and p95 through the gateway (at the knee of a step
     * search, the whole run otherwise), database statements per second and their p95 bucket, checkouts.
     */
    static Map<String, Object> shopFigures(JsonNode summary, Path file) {
        double seconds = summary.path("seconds").asDouble();
        JsonNode gateway = summary.path("gateway");
        String run = summary.path("profile").asText() + " × " + summary.path("scale").asText() + ", "
                + summary.path("shape").asText() + ", " + summary.path("users").asInt() + " users";
        if (summary.hasNonNull("kneeLevel")) {
            int knee = summary.get("kneeLevel").asInt();
            gateway = summary.path("levels").path(knee - 1);
            run += "; gateway figures at the knee (level " + knee + ", " + gateway.path("users").asInt() + " users)";
        }
        JsonNode checkout = summary.path("groups").path("checkout");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run);
        m.put("summary", file.toString());
        m.put("rps", gateway.path("rps").asDouble());
        m.put("p95Ms", gateway.path("p95Ms").asDouble());
        m.put("errorRate", gateway.path("errorRate").asDouble());
        m.put("dbReadsPerSecond", round(summary.at("/database/read/statements").asDouble() / seconds));
        m.put("dbReadP95AtMostMs", summary.at("/database/read/p95AtMostMs").asDouble());
        m.put("dbWritesPerSecond", round(summary.at("/database/write/statements").asDouble() / seconds));
        m.put("dbWriteP95AtMostMs", summary.at("/database/write/p95AtMostMs").asDouble());
        m.put("checkoutsPerSecond", checkout.path("rps").asDouble());
        m.put("checkoutP95Ms", checkout.path("p95Ms").asDouble());
        m.put("cacheHitRatio", summary.at("/cache/hitRatio").asDouble());
        return m;
    }

    /** The shop's figures over the ceilings they run into. */
    static List<Ratio> ratios(Map<String, Object> shop, List<Ceiling> ceilings) {
        Map<String, Ceiling> c = new LinkedHashMap<>();
        ceilings.forEach(x -> c.put(x.key(), x));
        List<Ratio> out = new ArrayList<>();
        double rps = (double) shop.get("rps");
        out.add(new Ratio("requests/s: the 70/30 mix / product by id, both via the gateway", rps,
                c.get("productViaGateway").perSecond(), "requests/s"));
        out.add(new Ratio("p95: the 70/30 mix / product by id, both via the gateway", (double) shop.get("p95Ms"),
                c.get("productViaGateway").p95Ms(), "ms"));
        out.add(new Ratio("the gateway hop: product by id via the gateway / direct",
                c.get("productViaGateway").perSecond(), c.get("productDirect").perSecond(), "requests/s"));
        out.add(new Ratio("database reads/s: the shop's statements / pgbench's product reads",
                (double) shop.get("dbReadsPerSecond"), c.get("productRead").perSecond(), "per s"));
        out.add(new Ratio("database read p95: the shop's statements (bucket bound) / pgbench's product read",
                (double) shop.get("dbReadP95AtMostMs"), c.get("productRead").p95Ms(), "ms"));
        out.add(new Ratio("checkouts/s: the shop's / pgbench's cart add + checkout", (double) shop.get("checkoutsPerSecond"),
                c.get("checkoutWrite").perSecond(), "per s"));
        out.add(new Ratio("checkout p95: the shop's POST /orders / its SQL alone (pgbench)",
                (double) shop.get("checkoutP95Ms"), c.get("checkoutWrite").p95Ms(), "ms"));
        out.add(new Ratio("Redis: gateway requests/s (one rate-limit call each) / GET/s", rps,
                c.get("redisGet").perSecond(), "per s"));
        return out;
    }

    private static Optional<Path> newestSummary(Path results) throws IOException {
        try (Stream<Path> runs = Files.list(results)) {
            return runs.map(r -> r.resolve("summary.json")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(p -> p.toFile().lastModified()));
        }
    }

    private static void print(List<Ceiling> ceilings, Map<String, Object> shop, List<Ratio> ratios) {
        System.out.printf("%n%-58s %11s %8s %8s %8s%n", "ceiling (alone, on this machine)", "per second", "p50 ms",
                "p95 ms", "p99 ms");
        for (Ceiling c : ceilings) {
            System.out.printf(Locale.ROOT, "%-58s %11.0f %8.2f %8.2f %8.2f%n", c.name(), c.perSecond(), c.p50Ms(),
                    c.p95Ms(), c.p99Ms());
        }
        if (ratios.isEmpty()) {
            System.out.println("\nno load run yet (loadtests/target/load/*/summary.json): run ./platform load <profile>,"
                    + " then this again for the ratios");
            return;
        }
        System.out.printf("%nthe shop: %s (%s)%n", shop.get("run"), shop.get("summary"));
        System.out.printf("%-84s %10s %10s %8s%n", "figure", "shop", "ceiling", "ratio");
        for (Ratio r : ratios) {
            System.out.printf(Locale.ROOT, "%-84s %10.2f %10.2f %8.3f%n", r.figure() + " (" + r.unit() + ")", r.shop(),
                    r.ceiling(), r.ratio());
        }
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
    }
}
