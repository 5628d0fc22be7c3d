package io.shopplatform.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's "database master failure" scenario, as a drill: a client writes through PgPool, the primary's
 * postmaster is killed, and the drill measures how long until a write begun after the kill is acknowledged, and
 * whether every acknowledged write is still there. {@code ./platform drill primary-failure} runs it on the local
 * tier; the failover test runs it on a throwaway cluster.
 */
public final class PrimaryFailureDrill {

    /** What the drill saw. {@code lost} must be empty; {@code readOnlyErrors} too (no write went to a replica). */
    public record Report(String oldPrimary, String newPrimary, Duration toFirstWrite, int acknowledged,
                         Set<Long> lost, List<String> readOnlyErrors) {
        public String summary() {
            return String.format("primary %s killed; %s promoted; first write acknowledged %.3f s after the kill; "
                            + "%d writes acknowledged, %d lost, %d sent to a read-only node",
                    oldPrimary, newPrimary, toFirstWrite.toNanos() / 1e9, acknowledged, lost.size(), readOnlyErrors.size());
        }
    }

    private static final int WRITES_BEFORE = 200;
    private static final int WRITES_AFTER = 200;
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(45);

    private final LocalPlatform platform;

    public PrimaryFailureDrill(LocalPlatform platform) {
        this.platform = platform;
    }

    public Report run() throws SQLException, InterruptedException {
        UUID run = UUID.randomUUID();
        try (Connection c = platform.connectThroughPgPool(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS public.drill_probe (run uuid, id bigint, PRIMARY KEY (run, id))");
        }
        String oldPrimary = platform.primary();
        Writer writer = new Writer(run);
        Thread thread = new Thread(writer, "drill-writer");
        thread.start();
        try {
            writer.awaitAcknowledged(WRITES_BEFORE);
            platform.crashPrimary();
            writer.killedAt.set(System.nanoTime());
            writer.awaitFirstWriteAfterKill();
            writer.awaitAcknowledged(writer.acknowledged() + WRITES_AFTER);
        } finally {
            writer.running.set(false);
            thread.join();
        }
        Set<Long> lost = new HashSet<>(writer.acked);
        lost.removeAll(presentRows(run));
        return new Report(oldPrimary, platform.primary(),
                Duration.ofNanos(writer.firstWriteAfterKill.get() - writer.killedAt.get()),
                writer.acked.size(), lost, List.copyOf(writer.readOnlyErrors));
    }

    /** PgPool restarts its children when a node is attached again, refusing connections for a moment. */
    private Set<Long> presentRows(UUID run) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Connection c = platform.connectThroughPgPool();
                 PreparedStatement s = c.prepareStatement("SELECT id FROM public.drill_probe WHERE run = ?")) {
                s.setObject(1, run);
                Set<Long> present = new HashSet<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        present.add(rs.getLong(1));
                    }
                }
                return present;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);   // reconnecting, as a service's connection pool would
            }
        }
    }

    /** Inserts numbered rows through PgPool, reconnecting after a failure as a service's pool does. */
    private final class Writer implements Runnable {
        final UUID run;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong killedAt = new AtomicLong();
        final AtomicLong firstWriteAfterKill = new AtomicLong();
        final List<Long> acked = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> readOnlyErrors = java.util.Collections.synchronizedList(new ArrayList<>());

        Writer(UUID run) {
            this.run = run;
        }

        @Override
        public void run() {
            long next = 1;
            Connection c = null;
            while (running.get()) {
                long started = System.nanoTime();
                try {
                    if (c == null) {
                        c = platform.connectThroughPgPool();
                    }
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO public.drill_probe VALUES (?, ?)")) {
                        s.setObject(1, run);
                        s.setLong(2, next);
                        s.executeUpdate();
                    }
                    acked.add(next);
                    // Only a write begun after the postmaster died counts: one in flight may still commit.
                    if (killedAt.get() != 0 && started > killedAt.get()) {
                        firstWriteAfterKill.compareAndSet(0, System.nanoTime());
                    }
                } catch (SQLException e) {
                    if ("25006".equals(e.getSQLState())) {
                        readOnlyErrors.add(e.getMessage());
                    }
                    close(c);
                    c = null;
                }
                next++;   // a failed insert's outcome is unknown to the client: never reuse its id
            }
            close(c);
        }

        int acknowledged() {
            return acked.size();
        }

        void awaitAcknowledged(int count) throws InterruptedException {
            await(() -> acked.size() >= count, "acknowledged writes to reach " + count);
        }

        void awaitFirstWriteAfterKill() throws InterruptedException {
            await(() -> firstWriteAfterKill.get() != 0, "a write to succeed after the primary was killed");
        }

        private void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new PlatformException("drill failed: waited " + RECOVERY_LIMIT.toSeconds() + " s for " + what);
                }
                Thread.sleep(5);   // polling the writer thread's progress
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
}
