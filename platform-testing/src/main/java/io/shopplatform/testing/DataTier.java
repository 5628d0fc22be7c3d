package io.shopplatform.testing;

import io.shopplatform.model.ShopScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The real local data tier (PostgreSQL primary and replicas behind PgPool-II, Redis, memcached, Kafka,
 * OpenSearch), shared by every integration test of a run.
 *
 * <p>{@link #shared()} reads what {@code ./platform up} wrote to {@code .platform/tier.properties}. When nothing is
 * running it calls that same front door once, so a test run never starts a second tier and never uses a
 * different setup from the one developers run.
 *
 * <p>Tests get a database of their own on that tier ({@code shop_test}, beside the developer's {@code shop}, with the
 * same schemas, roles and grants; the runner creates and migrates both): every URL and environment this hands out
 * points there, and their services run in the tests' {@link ShopScope} ({@link #TESTS}: their own topics, search
 * index and cache keys on the shared servers), so a test run leaves the shop a developer runs as it was.
 * {@link #shop()} is the developer's database, for tools that work on it on purpose (benchmarks, the check that tests
 * left it alone).
 */
public final class DataTier {

    /** Login for a role. */
    public record Credentials(String user, String password) {}

    /** The tests' scope ({@code shop.scope} of every service a test starts): fixed, as their database persists. */
    public static final ShopScope TESTS = new ShopScope("test");

    /** Keys of tier.properties naming the developer's database and the tests' (docs/contracts.md). */
    private static final String SHOP_DATABASE = "database", TEST_DATABASE = "test.database";
    private static final String DB_URL = "SHOP_DB_URL";
    private static final int CONNECT_TIMEOUT_SECONDS = 5;
    /** A commit that hangs (say, no synchronous replica answers) fails the test instead of stalling the run. */
    private static final int SOCKET_TIMEOUT_SECONDS = 30;

    private static DataTier shared;

    private final Path home;
    private final Properties props;
    private final String database;

    private DataTier(Path home, Properties props, String database) {
        this.home = home;
        this.props = props;
        this.database = database;
    }

    /**
     * The tier of this test run, started through {@code ./platform up --data-only} if it is not running, on the
     * tests' own database.
     */
    public static synchronized DataTier shared() {
        if (shared == null) {
            Path home = locateHome();
            DataTier tier = load(home);
            if (tier == null || !tier.reachable()) {
                startThroughFrontDoor(home);
                tier = load(home);
                if (tier == null || !tier.reachable()) {
                    throw new IllegalStateException("the data tier did not come up; see " + home.resolve("logs"));
                }
            }
            shared = tier;
        }
        return shared;
    }

    public Path home() {
        return home;
    }

    /** The database this view works on: the tests' own, or the shop's for {@link #shop()}. */
    public String database() {
        return database;
    }

    /** {@link #TESTS} on the tests' database, {@link ShopScope#NONE} on the shop's. */
    public ShopScope scope() {
        return database.equals(get(SHOP_DATABASE)) ? ShopScope.NONE : TESTS;
    }

    /** The same tier on the developer's shop database, which tests must leave alone. */
    public DataTier shop() {
        return new DataTier(home, props, get(SHOP_DATABASE));
    }

    /**
     * JDBC URL through the PgPools (any of them, as the cluster's Service picks one): writes go to the primary,
     * reads are balanced over the standbys.
     */
    public String jdbcUrl() {
        String all = props.getProperty("pgpool.url");
        return all == null ? url(get("pgpool.host"), port("pgpool.port"))
                : onThisDatabase(all) + (all.contains("?") ? "&" : "?") + timeouts();
    }

    /** JDBC URL through one PgPool only: its own counters ({@code SHOW pool_nodes}) describe what it routed. */
    public String jdbcUrlOfOnePgPool() {
        return url(get("pgpool.host"), port("pgpool.port"));
    }

    /** JDBC URL straight to one PostgreSQL node, bypassing PgPool. */
    public String jdbcUrl(String node) {
        return url("127.0.0.1", port("postgres." + node + ".port"));
    }

    public List<String> postgresNodes() {
        return Arrays.asList(get("postgres.nodes").split(","));
    }

    public Credentials superuser() {
        return new Credentials(get("superuser.name"), get("superuser.password"));
    }

    /** The login role of a service (see docs/contracts.md): it reaches only that service's schema. */
    public Credentials role(String service) {
        return new Credentials(get("role." + service + ".name"), get("role." + service + ".password"));
    }

    public Connection connect(Credentials who) throws SQLException {
        return open(jdbcUrl(), who);
    }

    public Connection connectNode(String node, Credentials who) throws SQLException {
        return open(jdbcUrl(node), who);
    }

    public String redisNodes() {
        return get("redis.nodes");
    }

    public String redisPassword() {
        return get("redis.password");
    }

    public String memcachedServers() {
        return get("memcached.servers");
    }

    public Credentials memcached() {
        return new Credentials(get("memcached.user"), get("memcached.password"));
    }

    public String kafkaBootstrap() {
        return get("kafka.bootstrap");
    }

    public Credentials kafka() {
        return new Credentials(get("kafka.user"), get("kafka.password"));
    }

    public String searchUrl() {
        return get("search.url");
    }

    /**
     * The {@code SHOP_*} environment a service gets locally (the same names its ConfigMap and Secret carry), its
     * database URL pointing at this view's database.
     */
    public Map<String, String> env(String component) {
        Path file = home.resolve("env").resolve(component + ".env");
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no local environment for " + component + " at " + file, e);
        }
        env.computeIfPresent(DB_URL, (name, url) -> onThisDatabase(url));
        return env;
    }

    /** The runner's URL names the shop database; the path is swapped, host, port and parameters are kept. */
    private String onThisDatabase(String url) {
        String shop = "/" + get(SHOP_DATABASE);
        int at = url.indexOf(shop, url.indexOf("//") + 2);
        int end = at + shop.length();
        if (at < 0 || (end < url.length() && url.charAt(end) != '?')) {
            throw new IllegalStateException(DB_URL + " " + url + " does not name the " + get(SHOP_DATABASE)
                    + " database; run ./platform up again");
        }
        return url.substring(0, at) + "/" + database + url.substring(end);
    }

    private String url(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?" + timeouts();
    }

    private static String timeouts() {
        return "connectTimeout=" + CONNECT_TIMEOUT_SECONDS + "&socketTimeout=" + SOCKET_TIMEOUT_SECONDS;
    }

    private static Connection open(String url, Credentials who) throws SQLException {
        return DriverManager.getConnection(url, who.user(), who.password());
    }

    private boolean reachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(get("pgpool.host"), port("pgpool.port")), 1000);
        } catch (IOException e) {
            return false;
        }
        try (Connection c = connect(superuser())) {
            return c.isValid(CONNECT_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private String get(String key) {
        String v = props.getProperty(key);
        if (v == null) {
            throw new IllegalStateException(key + " is missing from " + home.resolve("tier.properties")
                    + "; run ./platform up again");
        }
        return v;
    }

    private int port(String key) {
        return Integer.parseInt(get(key));
    }

    private static DataTier load(Path home) {
        Path file = home.resolve("tier.properties");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String tests = p.getProperty(TEST_DATABASE);
        // A state file from before tests had a database of their own: not usable, ./platform up rewrites it.
        return tests == null ? null : new DataTier(home, p, tests);
    }

    /** {@code shop.platform.home} is set by the parent pom; outside Maven, look upwards for the front door. */
    private static Path locateHome() {
        String configured = System.getProperty("shop.platform.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("platform")) && Files.isDirectory(dir.resolve("platform-model"))) {
                return dir.resolve(".platform");
            }
        }
        throw new IllegalStateException("cannot find the repository's front door (./platform) above "
                + Path.of("").toAbsolutePath());
    }

    private static void startThroughFrontDoor(Path home) {
        Path repo = home.getParent();
        Path log = repo.resolve("target").resolve("platform-up.log");
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(repo.resolve("platform").toString(), "up", "--data-only")
                    .directory(repo.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("./platform up --data-only failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
