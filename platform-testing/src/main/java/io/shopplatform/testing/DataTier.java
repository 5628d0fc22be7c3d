package io.shopplatform.testing;

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
 */
public final class DataTier {

    /** Login for a role. */
    public record Credentials(String user, String password) {}

    private static final int CONNECT_TIMEOUT_SECONDS = 5;
    /** A commit that hangs (say, no synchronous replica answers) fails the test instead of stalling the run. */
    private static final int SOCKET_TIMEOUT_SECONDS = 30;

    private static DataTier shared;

    private final Path home;
    private final Properties props;

    private DataTier(Path home, Properties props) {
        this.home = home;
        this.props = props;
    }

    /** The tier of this test run, started through {@code ./platform up --data-only} if it is not running. */
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

    public String database() {
        return get("database");
    }

    /**
     * JDBC URL through the PgPools (any of them, as the cluster's Service picks one): writes go to the primary,
     * reads are balanced over the standbys.
     */
    public String jdbcUrl() {
        String all = props.getProperty("pgpool.url");
        return all == null ? url(get("pgpool.host"), port("pgpool.port"))
                : all + (all.contains("?") ? "&" : "?") + timeouts();
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

    /** The {@code SHOP_*} environment a service gets locally (the same names its ConfigMap and Secret carry). */
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
        return env;
    }

    private String url(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database() + "?" + timeouts();
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
        return new DataTier(home, p);
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
