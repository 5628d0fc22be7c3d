package io.shopplatform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Proves that a test run left the developer's shop database alone: {@code snapshot FILE} before the suite counts
 * the rows of every table in {@code shop}, {@code verify FILE} after it counts again and fails naming each table
 * whose count changed. {@code ./platform test} runs both around {@code mvn verify}.
 *
 * <p>A shop whose services run during the suite can change it too: they consume the events tests publish on the
 * shared Kafka. The check then fails as well, rightly: that is test data reaching the shop.
 */
public final class ShopDatabaseCheck {

    private ShopDatabaseCheck() {}

    public static void main(String[] args) throws SQLException, IOException {
        if (args.length != 2 || !List.of("snapshot", "verify").contains(args[0])) {
            System.err.println("usage: ShopDatabaseCheck snapshot|verify FILE");
            System.exit(2);
        }
        DataTier shop = DataTier.shared().shop();
        Path file = Path.of(args[1]);
        Map<String, Long> now = rowCounts(shop);
        if (args[0].equals("snapshot")) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, now.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            return;
        }
        List<String> changed = differences(read(file), now);
        if (!changed.isEmpty()) {
            System.err.println("the test run changed the shop database " + shop.database() + " (tests must use "
                    + DataTier.shared().database() + "):\n  " + String.join("\n  ", changed));
            System.exit(1);
        }
        System.out.println("shop database " + shop.database() + " untouched by the tests: " + now.size()
                + " tables, every row count as before");
    }

    /** Rows per table (leaf tables: a partitioned table's rows are counted in its partitions). */
    static Map<String, Long> rowCounts(DataTier tier) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = tier.connect(tier.superuser()); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                    + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    static List<String> differences(Map<String, Long> before, Map<String, Long> after) {
        List<String> changed = new ArrayList<>();
        TreeSet<String> tables = new TreeSet<>(before.keySet());
        tables.addAll(after.keySet());
        for (String table : tables) {
            Long was = before.get(table), is = after.get(table);
            if (was == null || is == null || !was.equals(is)) {
                changed.add(table + ": " + (was == null ? "new" : was + " rows") + " -> "
                        + (is == null ? "gone" : is + " rows"));
            }
        }
        return changed;
    }

    private static Map<String, Long> read(Path file) {
        Map<String, Long> counts = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.lastIndexOf('=');
                counts.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no snapshot at " + file + ": run 'snapshot' before the tests", e);
        }
        return counts;
    }
}
