package io.shopplatform.user.reset;

import io.shopplatform.service.outbox.Outbox;
import io.shopplatform.service.problem.InvalidInputException;
import io.shopplatform.user.account.Account;
import io.shopplatform.user.account.Accounts;
import io.shopplatform.user.account.EmailAddresses;
import io.shopplatform.user.account.Passwords;
import io.shopplatform.user.auth.SignOut;
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
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset: a request writes a {@code password-reset-requested} event to the outbox (nothing else, and the
 * same answer whether or not the email has an account); the mailer makes the token when it sends the mail, so the
 * token is never in an event, a topic or a log, and the database keeps only its SHA-256. A token works once,
 * until it expires; using it sets the password and ends every session.
 */
@Component
class PasswordResets {

    static final String AGGREGATE = "account", REQUESTED = "password-reset-requested";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The event: who asked, and when (a mailer that meets it after the token's lifetime drops it). */
    record Requested(UUID account, String email, Instant requestedAt) {}

    private final Accounts accounts;
    private final Passwords passwords;
    private final SignOut signOut;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final ResetProperties props;

    PasswordResets(Accounts accounts, Passwords passwords, SignOut signOut, Outbox outbox, JdbcTemplate jdbc,
                   ResetProperties props) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.signOut = signOut;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.props = props;
    }

    @Transactional
    public void request(String rawEmail) {
        accounts.byEmail(EmailAddresses.normalize(rawEmail)).filter(Account::active).ifPresent(a ->
                outbox.append(AGGREGATE, a.id().toString(), REQUESTED, new Requested(a.id(), a.email(), Instant.now())));
    }

    /** Makes a token for {@code account} (in the mailer's transaction) and returns it. */
    String newToken(UUID account) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.update("INSERT INTO password_reset_tokens (token_hash, account_id, expires_at) VALUES (?, ?, ?)",
                hash(token), account, Timestamp.from(Instant.now().plus(props.tokenTtl())));
        return token;
    }

    @Transactional
    public void reset(String token, String newPassword) {
        List<UUID> owner = jdbc.query("""
                SELECT account_id FROM password_reset_tokens
                WHERE token_hash = ? AND used_at IS NULL AND expires_at > now() FOR UPDATE""",
                (rs, i) -> rs.getObject(1, UUID.class), hash(token == null ? "" : token));
        if (owner.isEmpty()) {
            throw new InvalidInputException("token", "is not valid: unknown, used or expired");
        }
        Account account = accounts.byId(owner.get(0)).orElseThrow();
        passwords.check("newPassword", newPassword, account.email());
        // This token and every other outstanding one of the account are spent.
        jdbc.update("UPDATE password_reset_tokens SET used_at = now() WHERE account_id = ? AND used_at IS NULL",
                account.id());
        accounts.updatePassword(account.id(), passwords.hash(newPassword));
        signOut.everywhere(account.id());
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
