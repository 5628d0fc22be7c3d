package io.shopplatform.local;

import io.shopplatform.local.database.Database;
import io.shopplatform.local.machine.Supervisor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's "database master failure" scenario, as a drill: a client writes through the PgPools, the primary is
 * lost as a machine loss would lose it (every process of the member killed at once), and the drill measures how
 * long until another member is primary and until a write on a connection opened after the kill is acknowledged,
 * and whether every acknowledged write is still there. {@code ./platform drill primary-failure} runs it on the local
 * tier; the failover tests run it on throwaway clusters.
 */
public final class PrimaryFailureDrill {

    /**
     * What the drill saw. {@code lost} must be empty; {@code readOnlyErrors} too (no write went to a standby).
     *
     * @param toPromotion  from the kill until another member answers as primary
     * @param toFirstWrite from the kill until the first write on a connection opened after it was acknowledged
     */
    public record Report(String oldPrimary, String newPrimary, Duration toPromotion, Duration toFirstWrite,
                         int acknowledged, Set<Long> lost, List<String> readOnlyErrors) {
        public String summary() {
            return String.format("primary %s killed (every process); %s primary after %.3f s; first write on a new "
                            + "connection acknowledged %.3f s after the kill; %d writes acknowledged, %d lost, "
                            + "%d sent to a read-only node",
                    oldPrimary, newPrimary, toPromotion.toNanos() / 1e9, toFirstWrite.toNanos() / 1e9, acknowledged,
                    lost.size(), readOnlyErrors.size());
        }
    }

    private static final int WRITES_BEFORE = 200;
    private static final int WRITES_AFTER = 200;
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);

    private final LocalPlatform platform;

    public PrimaryFailureDrill(LocalPlatform platform) {
        this.platform = platform;
    }

    public Report run() throws SQLException, InterruptedException {
        Database database = platform.database();
        UUID run = UUID.randomUUID();
        try (Connection c = platform.connectThroughPgPool(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS public.drill_probe (run uuid, id bigint, PRIMARY KEY (run, id))");
        }
        String oldPrimary = database.primary();
        Writer writer = new Writer(run);
        Thread thread = new Thread(writer, "drill-writer");
        thread.start();
        long promoted;
        try {
            writer.awaitAcknowledged(WRITES_BEFORE);
            writer.killedAt.set(System.nanoTime());
            database.kill(oldPrimary);
            if (!Supervisor.waitFor(() -> database.replication().primaries().size() == 1, RECOVERY_LIMIT)) {
                throw new PlatformException("drill failed: no member became primary within " + RECOVERY_LIMIT.toSeconds() + " s");
            }
            promoted = System.nanoTime();
            writer.awaitFirstWriteAfterKill();
            writer.awaitAcknowledged(writer.acknowledged() + WRITES_AFTER);
        } finally {
            writer.running.set(false);
            thread.join();
        }
        Set<Long> lost = new HashSet<>(writer.acked);
        lost.removeAll(presentRows(run));
        return new Report(oldPrimary, database.primary(), Duration.ofNanos(promoted - writer.killedAt.get()),
                Duration.ofNanos(writer.firstWriteAfterKill.get() - writer.killedAt.get()),
                writer.acked.size(), lost, List.copyOf(writer.readOnlyErrors));
    }

    /** PgPool restarts its children when a node is attached again, refusing connections for a moment. */
    private Set<Long> presentRows(UUID run) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection c = platform.connectThroughPgPool();
                 PreparedStatement s = c.prepareStatement("SELECT id FROM public.drill_probe WHERE run = ?")) {
                c.setAutoCommit(false);   // in a transaction after a write-free start: read on the primary
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

    /** Inserts numbered rows through the PgPools, reconnecting after a failure as a service's pool does. */
    private final class Writer implements Runnable {
        final UUID run;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong killedAt = new AtomicLong();
        final AtomicLong firstWriteAfterKill = new AtomicLong();
        final List<Long> acked = Collections.synchronizedList(new ArrayList<>());
        final List<String> readOnlyErrors = Collections.synchronizedList(new ArrayList<>());

        Writer(UUID run) {
            this.run = run;
        }

        @Override
        public void run() {
            long next = 1;
            Connection c = null;
            long connectedAt = 0;
            while (running.get()) {
                try {
                    if (c == null) {
                        connectedAt = System.nanoTime();
                        c = platform.connectThroughPgPool();
                    }
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO public.drill_probe VALUES (?, ?)")) {
                        s.setObject(1, run);
                        s.setLong(2, next);
                        s.executeUpdate();
                    }
                    acked.add(next);
                    // Only a write on a connection opened after the kill counts: nothing of the old primary serves it.
                    long killed = killedAt.get();
                    if (killed != 0 && connectedAt > killed) {
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
            await(() -> firstWriteAfterKill.get() != 0, "a write on a new connection after the primary was killed");
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
