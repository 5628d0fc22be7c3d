package io.shopplatform.local;

import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/** The whole shop on one machine: the data tier, then the services, all from {@link Shop#PLATFORM}. */
public final class LocalPlatform {

    private final Layout layout;
    private final Console console;
    private final Host host;
    private final Supervisor supervisor;
    private final Postgres postgres;
    private final PgPool pgpool;
    private final Redis redis;
    private final Memcached memcached;
    private final Kafka kafka;
    private final Search search;
    private final Services services;
    private final Wired wired;

    public LocalPlatform(Layout layout, Console console) {
        Platform platform = Shop.PLATFORM;
        this.layout = layout;
        this.console = console;
        this.host = Host.detect();
        this.supervisor = new Supervisor(layout, host, console);
        Context context = new Context(layout, host, supervisor,
                new Secrets(layout.secrets().resolve("credentials.properties")), console);
        this.postgres = new Postgres(context, platform);
        this.pgpool = new PgPool(context, postgres, platform);
        this.redis = new Redis(context);
        this.memcached = new Memcached(context);
        this.kafka = new Kafka(context);
        this.search = new Search(context);
        this.wired = new Wired(platform, layout, postgres, pgpool, redis, memcached, kafka, search);
        this.services = new Services(platform, layout, supervisor, wired, console);
    }

    /** PostgreSQL and PgPool only: what the failover test's throwaway cluster needs. */
    public void upDatabase() {
        Files2.mkdirs(layout.home());
        postgres.up();
        pgpool.up();
        Database.prepare(postgres, pgpool, layout);
    }

    public void up(boolean withServices) {
        Files2.mkdirs(layout.home());
        // The servers start side by side; only PgPool and the schema wait for PostgreSQL.
        inParallel("What did start keeps running; fix the above and run ./platform up again.",
                this::upDatabase, redis::up, memcached::up, kafka::up, search::up);
        writeState();
        if (withServices) {
            services.up();
        }
    }

    public void down() {
        services.down();
        inParallel("Run ./platform down again to stop what is left.",
                search::down, kafka::down, memcached::down, redis::down, () -> {
                    pgpool.down();
                    postgres.down();
                });
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

    /** Stops the primary's postmaster abruptly, as a crash would (used by drills and the failover test). */
    public void crashPrimary() {
        String primary = postgres.decidePrimary();
        supervisor.running(primary).flatMap(ProcessHandle::of).ifPresent(postmaster -> {
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        });
    }

    public String primary() {
        return postgres.decidePrimary();
    }

    public void status() {
        console.line("PostgreSQL (which node is primary, replication per replica):");
        postgres.describe().forEach(console::line);
        console.line("PgPool-II at 127.0.0.1:" + layout.pgpoolPort() + " (reads balanced over replicas):");
        if (supervisor.running(PgPool.NAME).isPresent()) {
            pgpool.describe().forEach(console::line);
        } else {
            console.line("  DOWN");
        }
        console.line("Caches, events, search:");
        row(Redis.NAME, "127.0.0.1:" + layout.redisPort(), supervisor.running(Redis.NAME).isPresent() && redis.healthy());
        row(Memcached.NAME, "127.0.0.1:" + layout.memcachedPort(),
                supervisor.running(Memcached.NAME).isPresent() && memcached.authenticates(memcached.password()));
        row(Kafka.NAME, kafka.bootstrap(), supervisor.running(Kafka.NAME).isPresent() && kafka.healthy());
        row(Search.NAME, search.url(), supervisor.running(Search.NAME).isPresent() && search.healthy());
        services.describe().forEach(console::line);
    }

    /** Prints where everything listens, after {@code up}. */
    public void summary() {
        console.line("");
        console.line("The shop's data tier is up (state and logs in " + layout.home() + "):");
        console.line("  PgPool-II     jdbc:postgresql://127.0.0.1:" + layout.pgpoolPort() + "/" + Postgres.DATABASE
                + "   (primary " + postgres.decidePrimary() + ")");
        layout.postgresNodes().forEach(n -> console.line("  " + n + "           127.0.0.1:" + layout.postgresPort(n)));
        console.line("  Redis         127.0.0.1:" + layout.redisPort());
        console.line("  memcached     127.0.0.1:" + layout.memcachedPort());
        console.line("  Kafka         " + kafka.bootstrap() + " (SASL/PLAIN)");
        console.line("  OpenSearch    " + search.url());
        services.describe().forEach(console::line);
        console.line("Credentials: " + layout.secrets() + " ; per-component environment: " + layout.env());
    }

    private void row(String name, String where, boolean healthy) {
        console.line(String.format("  %-10s %-8s %s", name, healthy ? "healthy" : "DOWN", where));
    }

    private void writeState() {
        Postgres.delete(layout.env());   // a component that lost its edges must lose its environment too
        Files2.mkdirs(layout.env());
        for (var c : Shop.PLATFORM.components()) {
            Map<String, String> env = wired.environment(c.name());
            if (!env.isEmpty()) {
                Host.writePrivate(layout.env().resolve(c.name() + ".env"), env.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
            }
        }
        StringWriter w = new StringWriter();
        try {
            wired.tierProperties().store(w, "written by ./platform up; read by io.shopplatform.testing.DataTier");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Host.writePrivate(layout.tierFile(), w.toString());
    }

    /** A superuser session through PgPool, with short timeouts (drills and tests). */
    public Connection connectThroughPgPool() throws SQLException {
        return pgpool.connect(Postgres.SUPERUSER, postgres.superuserPassword(), Postgres.DATABASE);
    }

    /** For tests of the runner itself: a superuser session straight to a node. */
    Connection connectNode(String node) throws SQLException {
        return postgres.connect(node, Postgres.DATABASE);
    }
}
