package io.shopplatform.user.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens: 256 random bits, of which PostgreSQL keeps only a SHA-256. Each use rotates the token
 * (the old one is spent, a new one of the same family is issued); presenting a spent token again means someone
 * else holds a copy, so the whole family (the session) is revoked. Every statement here runs in the caller's
 * transaction; locking reads go to the primary.
 */
@Component
class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token row as rotation sees it. */
    record Stored(UUID id, UUID account, UUID family, Instant expiresAt, boolean spent, boolean revoked) {}

    private final JdbcTemplate jdbc;

    RefreshTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Issues a token of {@code family} that expires when the session would; returns the token to hand out. */
    String issue(UUID account, UUID family, Instant expiresAt, String userAgent) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.update("""
                INSERT INTO refresh_tokens (token_hash, account_id, family_id, user_agent, expires_at)
                VALUES (?, ?, ?, ?, ?)""", hash(token), account, family,
                userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 200)),
                Timestamp.from(expiresAt));
        return token;
    }

    /** The token's row, locked for this transaction; empty for a token never issued. */
    List<Stored> lock(String token) {
        return jdbc.query("""
                SELECT id, account_id, family_id, expires_at, used_at IS NOT NULL, revoked_at IS NOT NULL
                FROM refresh_tokens WHERE token_hash = ? FOR UPDATE""",
                (rs, i) -> new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getTimestamp(4).toInstant(), rs.getBoolean(5),
                        rs.getBoolean(6)), hash(token));
    }

    void spend(UUID id) {
        jdbc.update("UPDATE refresh_tokens SET used_at = now() WHERE id = ?", id);
    }

    void revokeFamily(UUID family) {
        jdbc.update("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ? AND revoked_at IS NULL", family);
    }

    /** Revokes every token of every session of {@code account}; returns those sessions (their families). */
    List<UUID> revokeAll(UUID account) {
        return jdbc.queryForList("""
                WITH revoked AS (UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = ? AND revoked_at IS NULL
                RETURNING family_id) SELECT DISTINCT family_id FROM revoked""", UUID.class, account);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
