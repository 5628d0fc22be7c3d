package io.shopplatform.loadtests;

import io.shopplatform.testing.DataTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Product-by-id served by each cache layer on its own, next to the stack's ceiling (a constant product of the same
 * size through the same filters and serializer), in one run on one machine. Each layer is isolated by starting the
 * real service jar under its benchmark profile with the layers in front of it switched off ({@code shop.cache.disabled},
 * refused outside that profile); the service's own
 * hit counters confirm which layer answered.
 *
 * <pre>mvn -q -pl loadtests exec:java -Dexec.args="--duration 20"</pre>
 *
 * The catalog must be seeded first (see services/product/README.md).
 */
public final class ProductCacheBenchmark {

    private record Stage(String name, String disabled, String layer) {}

    private static final List<String> CEILING = List.of("/api/v1/ping");
    private static final int ROUNDS = 5;

    private record Row(String name, Wrk.Result result, String servedBy) {}

    private static final List<Stage> STAGES = List.of(
            new Stage("L1 hit (Caffeine)", "", "local"),
            new Stage("L2 hit (Redis)", "LOCAL", "redis"),
            new Stage("L3 hit (memcached)", "LOCAL,REDIS", "memcached"),
            new Stage("database read (PgPool)", "LOCAL,REDIS,MEMCACHED", null));

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "15")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "15")));
        int keys = Integer.parseInt(options.getOrDefault("keys", "1000"));
        Wrk wrk = new Wrk(Integer.parseInt(options.getOrDefault("threads", "2")),
                Integer.parseInt(options.getOrDefault("connections", "32")));

        // The developer's shop, where the catalog was seeded: a benchmark is no test.
        DataTier tier = DataTier.shared().shop();
        Path repo = tier.home().getParent();
        Path jar = repo.resolve(options.getOrDefault("jar", "services/product/target/product-service.jar"));
        List<String> paths = productPaths(tier, keys);
        Path logs = Files.createDirectories(repo.resolve("loadtests/target/benchmark"));
        System.out.printf("product-by-id over %d products, wrk %s connections, %ds per row after %ds warm-up"
                        + " (ceiling and L1: median of %d alternating rounds)%n", paths.size(),
                options.getOrDefault("connections", "32"), duration.toSeconds(), warmup.toSeconds(), ROUNDS);

        List<Row> rows = new ArrayList<>();
        for (Stage stage : STAGES) {
            // The benchmark profile serves the ceiling's path and lets shop.cache.disabled switch layers off.
            List<String> serviceArgs = List.of("--spring.profiles.active=benchmark",
                    "--shop.cache.disabled=" + stage.disabled(), "--logging.level.root=WARN");
            try (ServiceProcess service = new ServiceProcess(jar, tier.env("product"), serviceArgs,
                    logs.resolve("service-" + rows.size() + ".log"))) {
                paths.forEach(service::get);   // fill the layers this stage reads from
                // The JIT compiles both paths before either is measured, so neither pays for warming the other.
                wrk.warmUp(service.base(), paths, warmup);
                String before = service.metrics();
                Wrk.Result result;
                if (rows.isEmpty()) {
                    // The ceiling and the L1 hit alternate in short rounds, so a neighbour's load on the shared
                    // machine weighs on both alike; each row reports its median round.
                    wrk.warmUp(service.base(), CEILING, warmup);
                    List<Wrk.Result> ceiling = new ArrayList<>(), hits = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        ceiling.add(wrk.run(service.base(), CEILING, duration.dividedBy(ROUNDS)));
                        hits.add(wrk.run(service.base(), paths, duration.dividedBy(ROUNDS)));
                    }
                    rows.add(new Row("ceiling (constant body)", Wrk.median(ceiling), "-"));
                    result = Wrk.median(hits);
                } else {
                    result = wrk.run(service.base(), paths, duration);
                }
                String after = service.metrics();
                double share = (served(after, stage.layer()) - served(before, stage.layer()))
                        / (lookups(after) - lookups(before));
                rows.add(new Row(stage.name(), result, String.format("%.1f%% %s", share * 100,
                        stage.layer() == null ? "database" : stage.layer())));
            }
        }
        print(rows);
    }

    private static void print(List<Row> rows) {
        double ceiling = rows.get(0).result().rps();
        System.out.println();
        System.out.printf("%-26s %12s %10s %10s %8s  %s%n", "product by id", "requests/s", "p99 ms", "vs ceiling",
                "bytes", "answered by");
        for (Row r : rows) {
            System.out.printf("%-26s %12.0f %10.2f %9.0f%% %8d  %s%n", r.name(), r.result().rps(),
                    r.result().p99Millis(), 100 * r.result().rps() / ceiling, r.result().bytesPerResponse(), r.servedBy());
        }
        System.out.printf("%nL1 hit at %.0f%% of the ceiling (target: 85%% or more)%n",
                100 * rows.get(1).result().rps() / ceiling);
    }

    /** Reads that the layer answered, or (no layer) that went to the database, per the service's own counters. */
    private static double served(String metrics, String layer) {
        return layer == null
                ? sum(metrics, "shop_cache_loads_seconds_count\\{[^}]*cache=\"product.v1\"[^}]*\\} ([0-9.eE+]+)")
                : sum(metrics, "shop_cache_gets_total\\{[^}]*cache=\"product.v1\"[^}]*layer=\"" + layer
                        + "\"[^}]*result=\"hit\"[^}]*\\} ([0-9.eE+]+)");
    }

    /** Reads of products: answered by some layer or loaded. */
    private static double lookups(String metrics) {
        return sum(metrics, "shop_cache_gets_total\\{[^}]*cache=\"product.v1\"[^}]*result=\"hit\"[^}]*\\} ([0-9.eE+]+)")
                + served(metrics, null);
    }

    private static double sum(String metrics, String regex) {
        double total = 0;
        Matcher m = Pattern.compile(regex).matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    static List<String> productPaths(DataTier tier, int keys) throws SQLException {
        List<String> paths = new ArrayList<>();
        try (Connection c = tier.connect(tier.role("product")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM catalog.products WHERE status = 'ACTIVE' ORDER BY id DESC LIMIT "
                     + keys)) {
            while (rs.next()) {
                paths.add("/api/v1/products/" + rs.getLong(1));
            }
        }
        if (paths.size() < keys) {
            throw new IllegalStateException("only " + paths.size() + " products: seed the catalog first (see "
                    + "services/product/README.md)");
        }
        return paths;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
