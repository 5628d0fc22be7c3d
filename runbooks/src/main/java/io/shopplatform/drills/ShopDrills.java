package io.shopplatform.drills;

import io.shopplatform.loadtests.shop.LocalShop;
import io.shopplatform.loadtests.shop.ShopTarget;
import io.shopplatform.local.Layout;
import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.machine.Console;
import io.shopplatform.model.PaymentProvider;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code ./platform drill <name>} for the drills that need the whole shop (the data tier's own drills are the
 * runner's, {@link io.shopplatform.local.drills.Drills}): runs one against the shop {@code ./platform up} runs here, prints its figures, exits 1 when an invariant
 * broke. The administrator who stocks the catalog is the load tests' ({@code --admin}, password in
 * {@code SHOP_ADMIN_PASSWORD}).
 */
public final class ShopDrills {

    /** The drills that break a part of the running shop under shoppers' traffic, wherever it runs (e2e runs them). */
    public static final List<ShopDrill> ALL = List.of(new PaymentOutageDrill(), new CacheOutageDrill(), new BrokerOutageDrill(),
            new ServiceKillDrill());
    /**
     * The drills that kill a member of the shop's data tier: only against the shop {@code ./platform up} runs here, not
     * on CI's tier, which other modules' tests share while e2e runs.
     */
    public static final List<ShopDrill> LOCAL_TIER = List.of(new DatabasePrimaryFailureDrill());
    private static final List<ShopDrill> EVERY = Stream.concat(ALL.stream(), LOCAL_TIER.stream()).toList();

    private ShopDrills() {}

    public static Optional<ShopDrill> named(String name) {
        return EVERY.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 2 && args[0].equals("--has")) {   // the front door asks which drills are the shop's
            boolean tiers = io.shopplatform.local.drills.Drills.named(args[1]).isPresent();
            if (named(args[1]).isEmpty() && !tiers) {   // the runner lists its own after these
                System.err.println("the shop's drills (under shoppers' checkouts):");
                EVERY.forEach(d -> System.err.printf("  drill %-16s %s%n", d.name(), d.description()));
                System.err.println("the data tier's drills (under reads and writes):");
            }
            System.exit(named(args[1]).isPresent() ? 0 : 1);
        }
        if (args.length != 3 || !args[1].equals("--admin") || named(args[0]).isEmpty()) {
            System.err.println("usage: ./platform drill <name>; the shop's drills:");
            EVERY.forEach(d -> System.err.printf("  %-16s %s%n", d.name(), d.description()));
            System.exit(2);
        }
        String password = System.getenv("SHOP_ADMIN_PASSWORD");
        if (password == null) {
            System.err.println("drill: SHOP_ADMIN_PASSWORD is not set (run drills through ./platform drill)");
            System.exit(2);
        }
        ShopDrill drill = named(args[0]).orElseThrow();
        ShopDrill.Report report = drill.run(local(args[2], password));
        print(report, System.out);
        System.exit(report.passed() ? 0 : 1);
    }

    public static void print(ShopDrill.Report report, java.io.PrintStream out) {
        report.figures().forEach(f -> out.println("DRILL " + report.drill() + ": " + f));
        out.println(report.passed() ? "DRILL " + report.drill() + ": passed"
                : "DRILL " + report.drill() + ": BROKEN\n  " + String.join("\n  ", report.broken()));
    }

    /** The shop {@code ./platform up} runs from this clone (the runner's layout at the same base port). */
    private static DrillTarget local(String adminEmail, String adminPassword) {
        Path repo = Path.of(System.getProperty("shop.platform.repo", ".")).toAbsolutePath().normalize();
        Path home;
        try {
            home = repo.resolve(".platform").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("the local shop is not up here (no .platform): ./platform up first", e);
        }
        Layout layout = new Layout(repo, home, Layout.configuredBasePort());
        ShopTarget shop = LocalShop.target(repo, adminEmail, adminPassword);
        LocalPlatform tier = new LocalPlatform(layout, new Console(System.out));
        Properties state = new Properties();
        try (Reader in = Files.newBufferedReader(layout.tierFile())) {
            state.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> simulators = new LinkedHashMap<>();
        for (PaymentProvider p : Shop.PAYMENT_PROVIDERS_IN_ORDER) {
            simulators.put(p.name(), state.getProperty("payments." + p.name() + ".url"));
        }
        // Locally the operator's step restarts it: ./platform up starts every service that is not running.
        DrillTarget.Processes processes = DrillTarget.Processes.of(tier::killService, service -> tier.startServices());
        return new DrillTarget(shop, tier, simulators, tier::connectThroughPgPool, processes, true);
    }
}
