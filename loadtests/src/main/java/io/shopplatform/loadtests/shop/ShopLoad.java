package io.shopplatform.loadtests.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gatling.app.Gatling$;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One load run against a running shop: readies its data (catalog found, stock received by an administrator), reads
 * the services' meters, runs {@link ShopSimulation} under Gatling (its HTML report), reads the meters again, writes
 * {@code summary.json} and its plots ({@link ReportPage}) next to the report and applies the model's gates. A step
 * search also reads the meters at each level's end and names the knee: the last level whose gates all pass.
 * <p>
 * {@code ./platform load <profile> [--scale F] [--shape S] [--duration SECONDS] [--steps N]} runs it against the
 * local shop ({@link LocalShop}); it exits 1 naming each failed gate, 2 on a bad argument.
 */
public final class ShopLoad {

    /** The catalog a run browses: at least this many stocked products (made if missing), at most this many. */
    static final int MIN_PRODUCTS = 20, MAX_PRODUCTS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a run produced: Gatling's report folder, the summary, the gates (of the whole run, or of the knee's level). */
    public record Outcome(Path report, Path summary, List<Gates.Gate> gates, Integer kneeLevel) {
        public boolean passed() {
            return gates.stream().allMatch(Gates.Gate::passed);
        }

        public List<Gates.Gate> failed() {
            return gates.stream().filter(g -> !g.passed()).toList();
        }
    }

    private ShopLoad() {}

    public static Outcome run(LoadPlan plan, ShopTarget shop, Path results) {
        Platform model = Shop.PLATFORM;
        System.out.println("load: " + plan + "; think time " + plan.thinkTime().toMillis() + " ms, aiming at "
                + Summary.round(plan.requestsPerSecond()) + " requests/s; preparing the shop's data...");
        Catalog catalog = new ShopData(shop).prepare(MIN_PRODUCTS, MAX_PRODUCTS);
        System.out.println("load: " + catalog.products().size() + " products stocked, "
                + catalog.categories().size() + " categories");
        Recorder recorder = new Recorder(plan.levelDuration().toMillis(), plan.levels());
        List<ServiceMetrics> boundaries = new CopyOnWriteArrayList<>();
        ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
        Runnable onStart = () -> {
            boundaries.add(ServiceMetrics.scrape(shop.managementUrls()));
            for (int level = 1; level < plan.levels(); level++) {
                scraper.schedule(() -> boundaries.add(ServiceMetrics.scrape(shop.managementUrls())),
                        plan.levelDuration().toMillis() * level, TimeUnit.MILLISECONDS);
            }
        };
        ShopSimulation.run = new ShopSimulation.Run(plan, shop, catalog, recorder, onStart);
        try {
            Files.createDirectories(results);
            int gatling = Gatling$.MODULE$.fromArgs(new String[] {"-s", ShopSimulation.class.getName(),
                    "-rf", results.toAbsolutePath().toString(), "-rd", plan.toString()});
            System.out.println("load: Gatling finished (" + gatling + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            scraper.shutdownNow();
            ShopSimulation.run = null;
        }
        if (boundaries.isEmpty()) {
            throw new IllegalStateException("the simulation never started; see Gatling's output above");
        }
        boundaries.add(ServiceMetrics.scrape(shop.managementUrls()));
        ServiceMetrics during = boundaries.get(boundaries.size() - 1).since(boundaries.get(0));

        List<Map<String, Object>> levels = new ArrayList<>();
        List<Gates.Gate> gates = Gates.check(model, recorder, -1, during);
        Integer knee = null;
        boolean bent = false;
        if (plan.levels() > 1) {
            for (int level = 0; level < plan.levels() && level + 1 < boundaries.size(); level++) {
                List<Gates.Gate> levelGates = Gates.check(model, recorder, level,
                        boundaries.get(level + 1).since(boundaries.get(level)));
                Map<String, Object> l = Summary.stats(Gates.throughGateway(recorder, level),
                        plan.levelDuration().toSeconds());
                l.put("level", level + 1);
                l.put("users", (level + 1) * plan.users());
                l.put("passed", levelGates.stream().allMatch(Gates.Gate::passed));
                l.put("failedGates", levelGates.stream().filter(g -> !g.passed()).map(Gates.Gate::toString).toList());
                levels.add(l);
                boolean passed = levelGates.stream().allMatch(Gates.Gate::passed);
                if (passed && !bent) {
                    knee = level + 1;
                    gates = levelGates;
                }
                bent |= !passed;
            }
            if (knee == null) {
                gates = Gates.check(model, recorder, 0, boundaries.get(1).since(boundaries.get(0)));
            }
        }
        Path report = newestReport(results);
        Map<String, Object> summary = Summary.of(model, plan, recorder, during, gates, levels);
        if (knee != null) {
            summary.put("kneeLevel", knee);
            summary.put("kneeUsers", knee * plan.users());
        }
        Path summaryFile = report.resolve("summary.json");
        try {
            JSON.writeValue(summaryFile.toFile(), summary);
            ReportPage.write(report, JSON.valueToTree(summary));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Outcome(report, summaryFile, gates, knee);
    }

    private static Path newestReport(Path results) {
        try (Stream<Path> runs = Files.list(results)) {
            return runs.filter(Files::isDirectory).max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("Gatling wrote no report into " + results));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        LoadPlan plan;
        ShopTarget shop;
        Path results;
        try {
            Arguments a = Arguments.parse(args);
            plan = LoadPlan.of(a.profile, a.scale, LoadPlan.Shape.parse(a.shape), a.duration, a.steps);
            shop = LocalShop.target(a.repo, a.adminEmail, a.adminPassword);
            results = a.repo.resolve("loadtests/target/load");
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.exit(2);
            return;
        }
        Outcome outcome = run(plan, shop, results);
        System.out.println();
        System.out.println("report:  " + outcome.report().resolve("index.html"));
        System.out.println("summary: " + outcome.summary());
        System.out.println("plots:   " + outcome.report().resolve(ReportPage.FILE));
        if (outcome.kneeLevel() != null) {
            System.out.println("knee: level " + outcome.kneeLevel() + " (" + outcome.kneeLevel() * plan.users() + " users)");
        }
        try {
            var summary = JSON.readTree(outcome.summary().toFile());
            System.out.printf("gateway: %s requests, %.1f/s, p50 %s ms, p95 %s ms, p99 %s ms, errors %s, reads %.0f%%%n",
                    summary.at("/gateway/requests"), summary.at("/gateway/rps").asDouble(), summary.at("/gateway/p50Ms"),
                    summary.at("/gateway/p95Ms"), summary.at("/gateway/p99Ms"), summary.at("/gateway/statuses"),
                    100 * summary.at("/gateway/readShare").asDouble());
            System.out.printf("cache hit ratio %s; database read p95 <= %s ms, write p95 <= %s ms%n",
                    summary.at("/cache/hitRatio"), summary.at("/database/read/p95AtMostMs"),
                    summary.at("/database/write/p95AtMostMs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        outcome.gates().forEach(System.out::println);
        if (!outcome.passed()) {
            System.err.println("load: failed gates: " + outcome.failed().stream().map(Gates.Gate::name).toList());
        }
        System.exit(outcome.passed() ? 0 : 1);
    }

    /** The command line: {@code <profile> [--scale F] [--shape S] [--duration SECONDS] [--steps N]} and where things are. */
    private static final class Arguments {
        String profile, shape = "constant", adminEmail, adminPassword = System.getenv("SHOP_ADMIN_PASSWORD");
        double scale = 0.05;
        Duration duration;
        int steps = 5;
        Path repo = Path.of(System.getProperty("shop.platform.repo", "."));

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + ": needs a value");
                    }
                    options.put(args[i], args[++i]);
                } else if (a.profile == null) {
                    a.profile = args[i];
                } else {
                    throw new IllegalArgumentException("'" + args[i] + "': one profile only");
                }
            }
            if (a.profile == null) {
                throw new IllegalArgumentException("usage: load <profile> [--scale F] [--shape constant|ramp|spike|soak|step]"
                        + " [--duration SECONDS] [--steps N]");
            }
            options.forEach((k, v) -> {
                switch (k) {
                    case "--scale" -> a.scale = number(k, v);
                    case "--shape" -> a.shape = v;
                    case "--duration" -> a.duration = Duration.ofSeconds((long) number(k, v));
                    case "--steps" -> a.steps = (int) number(k, v);
                    case "--admin" -> a.adminEmail = v;
                    default -> throw new IllegalArgumentException(k + ": unknown option");
                }
            });
            if (a.adminEmail == null || a.adminPassword == null) {
                throw new IllegalArgumentException("--admin (and SHOP_ADMIN_PASSWORD): an administrator to receive stock");
            }
            return a;
        }

        private static double number(String option, String value) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + value + "' is not a number");
            }
        }
    }
}
