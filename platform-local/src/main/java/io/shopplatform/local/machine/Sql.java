package io.shopplatform.local.machine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short-lived JDBC sessions for the runner's own checks; every one has connect and socket timeouts. */
public final class Sql {

    private Sql() {}

    public static String url(int port, String database) {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        return url + (url.contains("?") ? "&" : "?") + "connectTimeout=3&socketTimeout=30&ApplicationName=platform-runner";
    }

    public static Connection connect(int port, String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(url(port, database), user, password);
    }

    public static List<Map<String, String>> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, String>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    // As text: PgPool's SHOW commands return columns whose types the driver cannot map.
                    row.put(md.getColumnLabel(i), rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    public static void execute(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Single-quoted SQL literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
