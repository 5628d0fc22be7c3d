package io.shopplatform.user.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code users.accounts}. Reads that decide about security (login, password change) take the primary (a locking
 * read: PgPool never balances those), so a password just changed is the one checked; profile reads may use replicas.
 */
@Repository
public class Accounts {

    public static final String CUSTOMER = "CUSTOMER", ADMIN = "ADMIN";
    private static final String PROFILE = "SELECT id, email, display_name, roles, created_at, updated_at, version FROM accounts";

    private final JdbcTemplate jdbc;

    Accounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates an account and returns it as written; a taken email is a {@link org.springframework.dao.DuplicateKeyException}. */
    public Profile create(String email, String passwordHash, String displayName, List<String> roles) {
        return jdbc.queryForObject("""
                INSERT INTO accounts (email, password_hash, display_name, roles) VALUES (?, ?, ?, ?::text[])
                RETURNING id, email, display_name, roles, created_at, updated_at, version""", Accounts::profile,
                email, passwordHash, displayName, "{" + String.join(",", roles) + "}");
    }

    /** The account of {@code email} (normalized), read on the primary. */
    public Optional<Account> byEmail(String email) {
        return jdbc.query("SELECT id, email, password_hash, roles, status FROM accounts WHERE email = ? FOR SHARE",
                Accounts::account, email).stream().findFirst();
    }

    public Optional<Account> byId(UUID id) {
        return jdbc.query("SELECT id, email, password_hash, roles, status FROM accounts WHERE id = ? FOR SHARE",
                Accounts::account, id).stream().findFirst();
    }

    /** A profile as the replicas have it (callers decide when that is fresh enough). */
    public Optional<Profile> profile(UUID id) {
        return jdbc.query(PROFILE + " WHERE id = ?", Accounts::profile, id).stream().findFirst();
    }

    /** Updates the display name and returns the profile as written (from the primary, in the writing statement). */
    public Optional<Profile> updateProfile(UUID id, String displayName) {
        return jdbc.query("""
                UPDATE accounts SET display_name = ?, version = version + 1, updated_at = now() WHERE id = ?
                RETURNING id, email, display_name, roles, created_at, updated_at, version""",
                Accounts::profile, displayName, id).stream().findFirst();
    }

    public void updatePassword(UUID id, String passwordHash) {
        jdbc.update("""
                UPDATE accounts SET password_hash = ?, tokens_valid_from = now(), version = version + 1,
                       updated_at = now() WHERE id = ?""", passwordHash, id);
    }

    /**
     * Erases what identifies a person (email, name, password) and disables the account; the id stays, since orders
     * and payments refer to it. The address is free to register again. False if it was already erased.
     */
    public boolean erase(UUID id, String unusablePasswordHash) {
        return jdbc.update("""
                UPDATE accounts SET email = 'erased-' || id || '@erased.invalid', display_name = NULL,
                       password_hash = ?, status = 'DISABLED', tokens_valid_from = now(), version = version + 1,
                       updated_at = now() WHERE id = ? AND status <> 'DISABLED'""", unusablePasswordHash, id) == 1;
    }

    /** Makes {@code email}'s account an administrator (creating it if needed); true if it was created. */
    public boolean grantAdmin(String email, String passwordHash) {
        int updated = jdbc.update("""
                UPDATE accounts SET roles = ARRAY(SELECT DISTINCT unnest(roles || '{ADMIN}'::text[])),
                       version = version + 1, updated_at = now() WHERE email = ?""", email);
        if (updated == 0) {
            create(email, passwordHash, null, List.of(ADMIN));
            return true;
        }
        return false;
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("password_hash"),
                roles(rs.getArray("roles")), rs.getString("status"));
    }

    private static Profile profile(ResultSet rs, int row) throws SQLException {
        return new Profile(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
                roles(rs.getArray("roles")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
    }

    private static List<String> roles(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(Object::toString).sorted().toList();
    }
}
