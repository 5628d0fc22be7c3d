package io.shopplatform.local;

import io.shopplatform.datatier.Roles;
import io.shopplatform.local.database.Database;
import io.shopplatform.local.machine.Console;
import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.local.machine.LocalServer;
import io.shopplatform.local.machine.Supervisor;
import io.shopplatform.local.servers.Alertmanager;
import io.shopplatform.local.servers.Kafka;
import io.shopplatform.local.servers.Mail;
import io.shopplatform.local.servers.Memcached;
import io.shopplatform.local.servers.PaymentSimulator;
import io.shopplatform.local.servers.PostgresExporter;
import io.shopplatform.local.servers.Prometheus;
import io.shopplatform.local.servers.Redis;
import io.shopplatform.local.servers.RedisExporter;
import io.shopplatform.local.servers.Search;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The whole shop on one machine: the data tier, then the services, all from {@link Shop#PLATFORM}. */
public final class LocalPlatform {

    private final Layout layout;
    private final LocalMachine machine;
    private final Database database;
    private final Redis redis;
    private final Memcached memcached;
    private final Kafka kafka;
    private final Search search;
    private final Mail mail;
    private final List<PaymentSimulator> providers;
    private final Services services;
    private final LocalWiring wiring;
    private final List<PostgresExporter> exporters;
    private final RedisExporter redisExporter;
    private final Prometheus prometheus;
    private final Alertmanager alertmanager;

    public LocalPlatform(Layout layout, Console console) {
        this.layout = layout;
        this.machine = LocalMachine.of(layout, console);
        this.database = new Database(machine);
        this.redis = new Redis(machine);
        this.memcached = new Memcached(machine);
        this.kafka = new Kafka(machine);
        this.search = new Search(machine);
        this.mail = new Mail(machine);
        this.providers = Shop.PAYMENT_PROVIDERS_IN_ORDER.stream().map(p -> new PaymentSimulator(machine, p)).toList();
        this.wiring = new LocalWiring(Shop.PLATFORM, layout, database, redis, memcached, kafka, search, mail,
                machine.secrets());
        this.services = new Services(Shop.PLATFORM, layout, machine.supervisor(), wiring, console);
        this.exporters = layout.postgresNodes().stream()
                .map(node -> new PostgresExporter(machine, database.logins(), node)).toList();
        this.redisExporter = new RedisExporter(machine, redis);
        this.prometheus = new Prometheus(machine, services.managementPorts(), exporters, redisExporter);
        this.alertmanager = new Alertmanager(machine, mail);
    }

    public Layout layout() {
        return layout;
    }

    /** The local Prometheus: the cluster's alert rules over this machine's series. */
    public Prometheus prometheus() {
        return prometheus;
    }

    /**
     * Starts a test's own Prometheus ({@link Prometheus#throwaway}) over {@code managementPorts} (by service) and this
     * tier's exporters, scraping every {@code scrapeInterval}; one an earlier run left behind is stopped first.
     */
    public Prometheus startPrometheus(String name, int port, Map<String, Integer> managementPorts,
                                      Duration scrapeInterval) {
        Prometheus p = Prometheus.throwaway(machine, name, port, managementPorts, exporters, redisExporter,
                scrapeInterval);
        machine.supervisor().down(p);
        machine.supervisor().up(p);
        return p;
    }

    public void stop(Prometheus p) {
        machine.supervisor().down(p);
    }

    public Alertmanager alertmanager() {
        return alertmanager;
    }

    /** PostgreSQL, its backup servers and the PgPools: what a test's throwaway cluster needs. */
    public Database database() {
        return database;
    }

    /** The data tier alone (a test's throwaway tier, the drill's rebuild), with the shop's schema migrated. */
    public void upDatabase() {
        Host.mkdirs(layout.home());
        database.up(List.of(Roles.DATABASE));
    }

    public void up(boolean withServices) {
        Host.mkdirs(layout.home());
        Supervisor supervisor = machine.supervisor();
        // The servers start side by side; only the schema waits for PostgreSQL.
        inParallel("What did start keeps running; fix the above and run ./platform up again.",
                database::up, () -> supervisor.up(redis), () -> supervisor.up(memcached), () -> supervisor.up(kafka),
                () -> supervisor.up(search), () -> supervisor.up(mail),
                () -> providers.forEach(supervisor::up),
                () -> exporters.forEach(supervisor::up), () -> supervisor.up(redisExporter),
                () -> List.<LocalServer>of(alertmanager, prometheus).forEach(supervisor::up));
        writeState();
        if (withServices) {
            services.up();
            stockDemoCatalog();
        }
    }

    /** The load tests' large catalog in the running shop ({@code ./platform seed}). */
    public void seedLoadCatalog() {
        services.seed(Shop.LOAD_CATALOG, layout.logs().resolve("seed.log"));
    }

    /** A shop a person can buy from: stock for the demo catalog, through the API (needs the services it calls). */
    private void stockDemoCatalog() {
        if (List.of(Shop.USER, Shop.PRODUCT, Shop.INVENTORY).stream().allMatch(s -> services.url(s).isPresent())) {
            services.url(Shop.GATEWAY).ifPresent(gateway -> new DemoStock(gateway, services.jar(Shop.USER),
                    layout.logs().resolve("demo-stock-admin.log"), wiring.environment(Shop.USER), machine.secrets(),
                    machine.console()).receive());
        }
    }

    public void down() {
        services.down();
        Supervisor supervisor = machine.supervisor();
        inParallel("Run ./platform down again to stop what is left.", database::down,
                () -> providers.forEach(supervisor::down),
                () -> List.<LocalServer>of(prometheus, alertmanager).forEach(supervisor::down),
                () -> exporters.forEach(supervisor::down), () -> supervisor.down(redisExporter),
                () -> List.<LocalServer>of(mail, search, kafka, memcached, redis).forEach(supervisor::down));
    }

    /**
     * Loses one server of the tier as a machine loss would (the server and every process it started, SIGKILL at once):
     * what the drills break. {@code component} is the model's name of a cache, the broker or search.
     */
    public void kill(String component) {
        machine.supervisor().killSession(server(component).name());
    }

    /** Brings a server {@link #kill} lost back the way {@code ./platform up} starts it, and waits until it answers. */
    public void restore(String component) {
        machine.supervisor().up(server(component));
    }

    /** Kills a service's process as a crash would (SIGKILL, no graceful stop): what the service drill breaks. */
    public void killService(String service) {
        services.kill(service);
    }

    /** Starts every built service that is not running (the operator's {@code ./platform up}), waiting until ready. */
    public void startServices() {
        services.up();
    }

    /** Each consumer group with members on the tier's broker: its committed offsets and lag (the broker drill's count). */
    public Map<String, Kafka.GroupPosition> consumerGroups() {
        return kafka.activeGroups();
    }

    /** Whether the server answers now. */
    public boolean answers(String component) {
        LocalServer server = server(component);
        return machine.supervisor().running(server.name()).isPresent() && server.ready();
    }

    private LocalServer server(String component) {
        return switch (component) {
            case Shop.REDIS -> redis;
            case Shop.MEMCACHED -> memcached;
            case Shop.KAFKA -> kafka;
            case Shop.SEARCH -> search;
            default -> throw new PlatformException("no single local server is called " + component
                    + " (the ones a drill can lose: " + Shop.REDIS + ", " + Shop.MEMCACHED + ", " + Shop.KAFKA + ", "
                    + Shop.SEARCH + ")");
        };
    }

    /** Runs independent steps at once; reports every failure, not just the first. */
    private static void inParallel(String advice, Runnable... steps) {
        ExecutorService pool = Executors.newFixedThreadPool(steps.length);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Runnable step : steps) {
                running.add(pool.submit(step));
            }
            List<String> failures = new ArrayList<>();
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause() instanceof PlatformException ? e.getCause().getMessage() : e.getCause().toString());
                }
            }
            if (!failures.isEmpty()) {
                throw new PlatformException(String.join("\n", failures) + "\n" + advice);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    public void status() {
        database.describe().forEach(machine.console()::line);
        machine.console().line("Caches, events, search:");
        row(redis, redis.nodes());
        row(memcached, memcached.servers());
        row(kafka, kafka.bootstrap());
        row(search, search.url());
        row(mail, "smtp 127.0.0.1:" + mail.smtpPort() + ", imap :" + mail.imapPort() + ", read mail at " + mail.webUrl());
        providers.forEach(p -> row(p, p.url() + "   (simulator; admin API at " + p.url() + "/__admin)"));
        services.describe().forEach(machine.console()::line);
        machine.console().line("Monitoring (the cluster's alert rules, over namespace " + Prometheus.NAMESPACE + "):");
        row(prometheus, prometheus.url() + "   (alerts: " + prometheus.url() + "/alerts)");
        row(alertmanager, alertmanager.url() + "   (the cluster's routes; pager and chat are the mailboxes "
                + Alertmanager.PAGER_ADDRESS + " and " + Alertmanager.CHAT_ADDRESS + " at " + mail.webUrl() + ")");
        Stream.concat(exporters.stream(), Stream.of(redisExporter))
                .forEach(e -> row(e, "http://127.0.0.1:" + e.port() + "/metrics"));
        prometheus.firingAlerts().ifPresent(firing -> {
            machine.console().line(firing.isEmpty() ? "  no alert is firing" : "  firing:");
            firing.forEach(a -> machine.console().line("    " + a));
        });
    }

    /** Prints where everything listens, after {@code up}. */
    public void summary() {
        Console console = machine.console();
        console.line("");
        console.line("The shop's data tier is up (state and logs in " + layout.home() + "):");
        console.line("  PgPool-II     " + database.poolUrl(Roles.DATABASE) + "   (primary " + database.primary() + ")");
        layout.postgresNodes().forEach(n -> console.line("  " + n + "           127.0.0.1:" + layout.postgresPort(n)));
        console.line("  Redis         " + redis.nodes());
        console.line("  memcached     " + memcached.servers());
        console.line("  Kafka         " + kafka.bootstrap() + " (SASL/PLAIN)");
        console.line("  OpenSearch    " + search.url());
        providers.forEach(p -> console.line(String.format("  %-13s %s   (payment provider simulator, WireMock)",
                p.provider().name(), p.url())));
        console.line("  Prometheus    " + prometheus.url() + "   (the cluster's alert rules; Alertmanager " + alertmanager.url()
                + ", paging " + Alertmanager.PAGER_ADDRESS + " and posting to " + Alertmanager.CHAT_ADDRESS + ")");
        console.line("  Mail (SMTP)   127.0.0.1:" + mail.smtpPort() + "   (read it: IMAP 127.0.0.1:" + mail.imapPort()
                + ", login and password the address; or " + mail.webUrl() + ")");
        services.describe().forEach(console::line);
        services.url(Shop.GATEWAY).ifPresent(url -> console.line("The API:  " + url + "/api/v1   (the gateway)"));
        services.url(Shop.STOREFRONT).ifPresent(url -> console.line("The shop: " + url + "/   (open it in a browser)"));
        console.line("Credentials: " + layout.secrets() + " ; per-component environment: " + layout.env());
    }

    private void row(LocalServer server, String where) {
        boolean healthy = machine.supervisor().running(server.name()).isPresent() && server.ready();
        machine.console().line(String.format("  %-14s %-8s %s", server.name(), healthy ? "healthy" : "DOWN", where));
    }

    private void writeState() {
        Host.delete(layout.env());   // a component that lost its edges must lose its environment too
        Host.mkdirs(layout.env());
        for (var c : Shop.PLATFORM.components()) {
            Map<String, String> env = wiring.environment(c.name());
            if (!env.isEmpty()) {
                Host.writePrivate(layout.env().resolve(c.name() + ".env"), env.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
            }
        }
        StringWriter w = new StringWriter();
        try {
            wiring.tierProperties().store(w, "written by ./platform up; read by io.shopplatform.testing.DataTier");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Host.writePrivate(layout.tierFile(), w.toString());
    }

    /** A superuser session through the PgPools, with short timeouts (drills and tests); a new connection each time. */
    public Connection connectThroughPgPool() throws SQLException {
        return DriverManager.getConnection(database.poolUrl(Roles.DATABASE) + "&connectTimeout=3&socketTimeout=30",
                Roles.SUPERUSER, database.logins().superuser());
    }
}
