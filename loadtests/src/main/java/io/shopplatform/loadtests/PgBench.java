package io.shopplatform.loadtests;

import io.shopplatform.testing.DataTier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * pgbench (PostgreSQL's own load client, in C) running a script of the services' SQL ({@code ceilings/*.sql}) through
 * PgPool: what the database path alone can do on this machine. Prepared statements, as the JDBC driver uses them;
 * latency percentiles from pgbench's per-transaction log (its summary gives only the mean).
 */
final class PgBench {

    /** One run: transactions (script executions) per second and their latency. */
    record Result(long transactions, long failed, double tps, double latencyAverageMs, double p50Ms, double p95Ms,
                  double p99Ms) {}

    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");
    private static final Pattern AVERAGE = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final int clients, threads;

    PgBench(int clients, int threads) {
        this.clients = clients;
        this.threads = threads;
    }

    int clients() {
        return clients;
    }

    /** Runs the script (a resource under {@code ceilings/}) with {@code -D} variables on one PgPool of the tier. */
    Result run(String script, Map<String, String> variables, String host, int port, String database,
               DataTier.Credentials who, Duration duration) {
        try {
            Path dir = Files.createTempDirectory("pgbench");
            Path file = dir.resolve(script);
            try (InputStream in = PgBench.class.getResourceAsStream("/ceilings/" + script)) {
                if (in == null) {
                    throw new IllegalArgumentException("no script ceilings/" + script);
                }
                Files.copy(in, file);
            }
            List<String> command = new ArrayList<>(List.of("pgbench", "--no-vacuum", "--protocol=prepared",
                    "--client=" + clients, "--jobs=" + threads, "--time=" + duration.toSeconds(), "--file=" + file,
                    "--log", "--log-prefix=" + dir.resolve("tx"), "--host=" + host, "--port=" + port,
                    "--username=" + who.user()));
            variables.forEach((k, v) -> command.add("--define=" + k + "=" + v));
            command.add(database);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("PGPASSWORD", who.password());
            builder.environment().put("PGCONNECT_TIMEOUT", "5");
            String out = Tool.run(builder, null);
            List<String> log = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("tx.")).toList()) {
                    log.addAll(Files.readAllLines(f));
                }
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
            return parse(out, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * pgbench's summary and its per-transaction log ({@code client transaction latency_us script epoch us}, or
     * {@code failed} in place of the latency). A run in which any transaction failed is refused: its figures
     * would describe errors, not the path.
     */
    static Result parse(String summary, List<String> log) {
        long transactions = Long.parseLong(find(PROCESSED, summary).group(1));
        long failed = Long.parseLong(find(FAILED, summary).group(1));
        if (failed > 0 || transactions == 0) {
            throw new IllegalStateException("pgbench: " + failed + " of " + (transactions + failed)
                    + " transactions failed:\n" + summary);
        }
        long[] micros = new long[log.size()];
        int n = 0;
        for (String line : log) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 6) {
                throw new IllegalStateException("pgbench log line '" + line + "': expected 6 fields");
            }
            if (fields[2].chars().allMatch(Character::isDigit)) {
                micros[n++] = Long.parseLong(fields[2]);
            }
        }
        if (n != transactions) {
            throw new IllegalStateException("pgbench logged " + n + " transactions, its summary says " + transactions);
        }
        Arrays.sort(micros, 0, n);
        return new Result(transactions, failed, Double.parseDouble(find(TPS, summary).group(1)),
                Double.parseDouble(find(AVERAGE, summary).group(1)), percentile(micros, n, 50) / 1000.0,
                percentile(micros, n, 95) / 1000.0, percentile(micros, n, 99) / 1000.0);
    }

    /** Nearest rank. */
    private static long percentile(long[] sorted, int n, double p) {
        return sorted[Math.max(0, Math.min(n - 1, (int) Math.ceil(p / 100 * n) - 1))];
    }

    private static Matcher find(Pattern pattern, String out) {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected pgbench output (no '" + pattern + "'):\n" + out);
        }
        return m;
    }
}
