package io.shopplatform.user.auth;

import io.shopplatform.user.account.Account;
import io.shopplatform.user.account.Accounts;
import io.shopplatform.user.account.EmailAddresses;
import io.shopplatform.user.account.Passwords;
import io.shopplatform.user.keys.AccessTokens;
import io.shopplatform.user.web.Problems;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Login, refresh and logout. A failed login answers the same 401 after the same work (one BCrypt comparison)
 * whether the email is unknown, the password wrong or the account disabled.
 */
@Component
class Logins {

    static final String WRONG_CREDENTIALS = "email or password is wrong";

    /** What a login or a refresh hands out. */
    record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken) {}

    private sealed interface Rotation {}
    private record Rotated(Account account, UUID session, String refreshToken) implements Rotation {}
    private record Reused(UUID account, UUID session) implements Rotation {}
    private record Refused() implements Rotation {}

    private final Accounts accounts;
    private final Passwords passwords;
    private final LoginLimiter limiter;
    private final RefreshTokens refreshTokens;
    private final Sessions sessions;
    private final AccessTokens accessTokens;
    private final SignOut signOut;
    private final TransactionTemplate tx;

    Logins(Accounts accounts, Passwords passwords, LoginLimiter limiter, RefreshTokens refreshTokens,
           Sessions sessions, AccessTokens accessTokens, SignOut signOut, PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.limiter = limiter;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.signOut = signOut;
        this.tx = new TransactionTemplate(transactions);
    }

    Tokens login(String rawEmail, String password, String address, String userAgent) {
        String email = EmailAddresses.normalize(rawEmail);
        Duration wait = limiter.retryAfter(email, address);
        if (!wait.isZero()) {
            throw Problems.tooManyAttempts(wait);
        }
        Account account = accounts.byEmail(email).orElse(null);
        boolean matches = passwords.matches(password, account == null ? null : account.passwordHash());
        if (!matches || !account.active()) {
            limiter.failed(email, address);
            throw Problems.unauthorized(WRONG_CREDENTIALS);
        }
        limiter.succeeded(email);
        UUID session = UUID.randomUUID();
        String refresh = refreshTokens.issue(account.id(), session, Instant.now().plus(Sessions.TTL), userAgent);
        sessions.start(account.id(), session);
        return tokens(account, session, refresh);
    }

    Tokens refresh(String refreshToken, String userAgent) {
        Rotation r = tx.execute(status -> rotate(refreshToken, userAgent));
        if (r instanceof Reused reused) {
            sessions.end(reused.account(), reused.session());
            throw Problems.unauthorized("refresh token was already used; its session is ended");
        }
        if (r instanceof Rotated rotated) {
            return tokens(rotated.account(), rotated.session(), rotated.refreshToken());
        }
        throw Problems.unauthorized("refresh token is not valid");
    }

    void logout(UUID account) {
        tx.executeWithoutResult(status -> signOut.everywhere(account));
    }

    /** One transaction: the token row is locked, so of two concurrent uses of one token exactly one rotates it. */
    private Rotation rotate(String token, String userAgent) {
        List<RefreshTokens.Stored> rows = refreshTokens.lock(token);
        if (rows.isEmpty()) {
            return new Refused();
        }
        RefreshTokens.Stored stored = rows.get(0);
        if (stored.revoked()) {
            return new Refused();
        }
        if (stored.spent()) {
            // A spent token again: it was copied. The family (the session) ends for thief and owner alike.
            refreshTokens.revokeFamily(stored.family());
            return new Reused(stored.account(), stored.family());
        }
        Account account = accounts.byId(stored.account()).orElse(null);
        if (!stored.expiresAt().isAfter(Instant.now()) || account == null || !account.active()) {
            return new Refused();
        }
        refreshTokens.spend(stored.id());
        // The new token ends when the session does: rotation never extends a session past its 24 h.
        String next = refreshTokens.issue(account.id(), stored.family(), stored.expiresAt(), userAgent);
        return new Rotated(account, stored.family(), next);
    }

    private Tokens tokens(Account account, UUID session, String refresh) {
        AccessTokens.Issued access = accessTokens.issue(account.id(), account.roles(), session);
        long expiresIn = Math.max(0, Duration.between(Instant.now(), access.expiresAt()).toSeconds());
        return new Tokens(access.token(), "Bearer", expiresIn, refresh);
    }
}
