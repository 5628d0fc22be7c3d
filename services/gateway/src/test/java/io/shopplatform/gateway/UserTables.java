package io.shopplatform.gateway;

import io.shopplatform.user.Rows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user service's tables (db-schema V3, V20) as fingerprints: the row count and an MD5 of every row, read on
 * the primary. Two equal snapshots mean a request changed nothing there.
 */
record UserTables(Map<String, String> fingerprints) {

    static final List<String> TABLES = List.of("accounts", "refresh_tokens", "password_reset_tokens", "signing_keys");

    static UserTables now() {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (String table : TABLES) {
            fingerprints.put(table, fingerprint(table, "TRUE"));
        }
        return new UserTables(fingerprints);
    }

    /** These fingerprints with the accounts table's read again without account {@code id} (one a test added). */
    UserTables withoutAccount(String id) {
        Map<String, String> fingerprints = new LinkedHashMap<>(this.fingerprints);
        fingerprints.put("accounts", fingerprint("accounts", "id <> ?::uuid", id));
        return new UserTables(fingerprints);
    }

    private static String fingerprint(String table, String where, Object... args) {
        return (String) Rows.one("SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY "
                + "t::text)), '-') FROM users." + table + " AS t WHERE " + where, args);
    }
}
