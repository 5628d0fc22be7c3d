package io.shopplatform.local.drills;

import io.shopplatform.datatier.Roles;
import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.PlatformException;
import io.shopplatform.local.database.Database;
import io.shopplatform.model.Shop;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A service's traffic while a drill breaks the data tier: one client inserts numbered rows, another reads, both through
 * the PgPools, each reconnecting after a failure as a service's connection pool does. Every operation is recorded
 * (when it started and ended, on a connection opened when, and how it failed), so a drill asks afterwards what
 * happened in any window: which writes were acknowledged, which failed and how, and whether every acknowledged row
 * is still there.
 */
final class DrillLoad implements AutoCloseable {

    /**
     * The clients' connect and socket timeout: a shopper's request that waits longer than the response-time alert's
     * threshold has failed, so the client gives up on it (a commit waiting for a standby shows as a timeout).
     */
    static final Duration CLIENT_TIMEOUT = Shop.PLATFORM.alerting().criticalResponseTime();
    /** How long a drill waits for the load to make progress (a write, a read) before it calls the drill failed. */
    static final Duration PROGRESS_LIMIT = Duration.ofSeconds(90);
    /** A steady load, not a benchmark: the machine is shared with the rest of the tier. */
    private static final Duration PACE = Duration.ofMillis(5);
    /** The failure kind of a client-side timeout (the statement's outcome is unknown to the client). */
    static final String TIMEOUT = "timeout";
    /** SQLSTATE read_only_sql_transaction: a write sent to a standby. */
    static final String READ_ONLY = "25006";

    enum Kind { WRITE, READ }

    /**
     * One operation: {@code failure} is null when it succeeded, else its kind (SQLSTATE, or {@value #TIMEOUT});
     * {@code connected} is when the connection it ran on was opened. Times are {@link System#nanoTime()}.
     */
    record Op(Kind kind, long id, long started, long ended, long connected, String failure, String message) {
        boolean ok() {
            return failure == null;
        }
    }

    private final LocalPlatform platform;
    private final UUID run = UUID.randomUUID();
    private final String url;
    private final List<Op> ops = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> clients = new ArrayList<>();

    private DrillLoad(LocalPlatform platform) {
        this.platform = platform;
        long seconds = CLIENT_TIMEOUT.toSeconds();
        this.url = platform.database().poolUrl(Roles.DATABASE) + "&connectTimeout=" + seconds + "&socketTimeout=" + seconds
                + "&ApplicationName=drill";
    }

    /** Starts the writer and the reader and waits until each has succeeded once. */
    static DrillLoad start(LocalPlatform platform) throws SQLException, InterruptedException {
        try (Connection c = platform.connectThroughPgPool(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS public.drill_probe (run uuid, id bigint, PRIMARY KEY (run, id))");
        }
        DrillLoad load = new DrillLoad(platform);
        load.client(Kind.WRITE, "INSERT INTO public.drill_probe VALUES (?, ?)");
        load.client(Kind.READ, "SELECT count(*) FROM public.drill_probe WHERE run = ? AND id < ?");
        load.await(Kind.WRITE, 0, "a first write");
        load.await(Kind.READ, 0, "a first read");
        return load;
    }

    static long now() {
        return System.nanoTime();
    }

    static Duration between(long from, long to) {
        return Duration.ofNanos(to - from);
    }

    static String seconds(Duration d) {
        return String.format("%.3f s", d.toNanos() / 1e9);
    }

    /** Waits for a successful operation of {@code kind} that started after {@code after}; returns when it ended. */
    long await(Kind kind, long after, String what) throws InterruptedException {
        return awaitOp(op -> op.kind() == kind && op.ok() && op.started() > after, what).ended();
    }

    /** Waits for a successful write on a connection opened after {@code after}: nothing older serves it. */
    long awaitWriteOnConnectionOpenedAfter(long after, String what) throws InterruptedException {
        return awaitOp(op -> op.kind() == Kind.WRITE && op.ok() && op.connected() > after, what).ended();
    }

    /** Waits for {@code count} successful operations of {@code kind} that started after {@code after}. */
    void awaitCount(Kind kind, long after, int count, String what) throws InterruptedException {
        Predicate<Op> matches = op -> op.kind() == kind && op.ok() && op.started() > after;
        waitUntil(() -> snapshot().stream().filter(matches).count() >= count, what);
    }

    /** Waits for an operation that matches, and returns the first one. */
    Op awaitOp(Predicate<Op> matches, String what) throws InterruptedException {
        waitUntil(() -> snapshot().stream().anyMatch(matches), what);
        return snapshot().stream().filter(matches).findFirst().orElseThrow();
    }

    /** The operations that started in [from, to). */
    List<Op> started(long from, long to) {
        return snapshot().stream().filter(op -> op.started() >= from && op.started() < to).toList();
    }

    /** What the clients saw from operations that ended in [from, to). */
    Tally tally(long from, long to) {
        List<Op> window = snapshot().stream().filter(op -> op.ended() >= from && op.ended() < to).toList();
        return new Tally(count(window, Kind.WRITE), failures(window, Kind.WRITE), count(window, Kind.READ),
                failures(window, Kind.READ));
    }

    /** Every failure of a kind with the first message the client got for it: what a service would log. */
    Map<String, String> messages(long from, long to) {
        Map<String, String> first = new TreeMap<>();
        snapshot().stream().filter(op -> !op.ok() && op.ended() >= from && op.ended() < to)
                .forEach(op -> first.putIfAbsent(op.kind().name().toLowerCase() + " " + op.failure(), op.message()));
        return first;
    }

    /**
     * When each write refused as read-only (25006) started, and when its connection was opened, in seconds after
     * {@code origin}: where in a drill's steps PgPool sent it to a standby.
     */
    String readOnlyTimes(long origin) {
        return snapshot().stream().filter(op -> READ_ONLY.equals(op.failure()))
                .map(op -> String.format("%+.3f s (connection %+.3f s)", (op.started() - origin) / 1e9,
                        (op.connected() - origin) / 1e9))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    long readOnlyErrors() {
        return readOnlyErrors(Long.MIN_VALUE);
    }

    /** Writes refused as read-only (25006) among those that started at or after {@code from}. */
    long readOnlyErrors(long from) {
        return snapshot().stream().filter(op -> READ_ONLY.equals(op.failure()) && op.started() >= from).count();
    }

    List<Long> acknowledged() {
        return snapshot().stream().filter(op -> op.kind() == Kind.WRITE && op.ok()).map(Op::id).toList();
    }

    /** Stops both clients (a write in flight ends within {@link #CLIENT_TIMEOUT}). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : clients) {
            t.join();
        }
    }

    /** Acknowledged writes that are missing now, read on the primary: must be none. Call after {@link #close}. */
    Set<Long> lost() throws SQLException, InterruptedException {
        Set<Long> lost = new HashSet<>(acknowledged());
        lost.removeAll(present());
        return lost;
    }

    /** Of the writes that failed with {@code failure}, how many rows are there anyway (committed, unacknowledged). */
    long presentOf(String failure) throws SQLException, InterruptedException {
        Set<Long> present = present();
        return snapshot().stream().filter(op -> op.kind() == Kind.WRITE && failure.equals(op.failure()))
                .filter(op -> present.contains(op.id())).count();
    }

    long failedWrites(String failure) {
        return snapshot().stream().filter(op -> op.kind() == Kind.WRITE && failure.equals(op.failure())).count();
    }

    /** The rows of this run on the primary. Its PgPools may be restarting children: retried for a while. */
    private Set<Long> present() throws SQLException, InterruptedException {
        Database database = platform.database();
        long deadline = now() + PROGRESS_LIMIT.toNanos();
        while (true) {
            try (Connection c = database.replication().connect(database.primary(), Roles.DATABASE);
                 PreparedStatement s = c.prepareStatement("SELECT id FROM public.drill_probe WHERE run = ?")) {
                s.setObject(1, run);
                Set<Long> present = new HashSet<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        present.add(rs.getLong(1));
                    }
                }
                return present;
            } catch (SQLException | PlatformException e) {
                if (now() > deadline) {
                    throw e;
                }
                Thread.sleep(100);   // the primary is settling: ask again, as an operator would
            }
        }
    }

    private List<Op> snapshot() {
        synchronized (ops) {
            return List.copyOf(ops);
        }
    }

    private void client(Kind kind, String sql) {
        Thread t = new Thread(() -> loop(kind, sql), "drill-" + kind.name().toLowerCase());
        t.setDaemon(true);
        clients.add(t);
        t.start();
    }

    private void loop(Kind kind, String sql) {
        long next = 1;
        Connection c = null;
        long connected = 0;
        while (running.get()) {
            long started = now();
            try {
                if (c == null) {
                    connected = now();
                    c = DriverManager.getConnection(url, Roles.SUPERUSER, platform.database().logins().superuser());
                }
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setObject(1, run);
                    s.setLong(2, next);
                    s.execute();
                }
                ops.add(new Op(kind, next, started, now(), connected, null, null));
            } catch (SQLException e) {
                // On one line: a DRILL: line quotes it (PgPool's messages carry a DETAIL line).
                String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
                ops.add(new Op(kind, next, started, now(), connected, failureOf(e), message));
                close(c);
                c = null;
            }
            next++;   // a failed insert's outcome is unknown to the client: never reuse its id
            pace();
        }
        close(c);
    }

    /** A client-side timeout, else the SQLSTATE (08xxx: the connection failed; 57P01: the server ended it). */
    static String failureOf(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return TIMEOUT;
            }
        }
        return e.getSQLState() == null ? "unknown" : e.getSQLState();
    }

    private void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = now() + PROGRESS_LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (now() > deadline) {
                throw new PlatformException("drill failed: waited " + PROGRESS_LIMIT.toSeconds() + " s for " + what
                        + "; the clients saw " + failuresSoFar());
            }
            Thread.sleep(20);   // polling the clients' progress
        }
    }

    private String failuresSoFar() {
        return snapshot().stream().filter(op -> !op.ok())
                .collect(Collectors.groupingBy(op -> op.kind() + " " + op.failure(), TreeMap::new, Collectors.counting()))
                .toString();
    }

    private static long count(List<Op> window, Kind kind) {
        return window.stream().filter(op -> op.kind() == kind && op.ok()).count();
    }

    private static Map<String, Long> failures(List<Op> window, Kind kind) {
        return window.stream().filter(op -> op.kind() == kind && !op.ok())
                .collect(Collectors.groupingBy(Op::failure, TreeMap::new, Collectors.counting()));
    }

    private static void pace() {
        try {
            Thread.sleep(PACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // the session is already gone
        }
    }
}
