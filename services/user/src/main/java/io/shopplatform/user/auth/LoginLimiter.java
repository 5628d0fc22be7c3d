package io.shopplatform.user.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;

/**
 * Fixed-window counts of failed logins per account and per client address in Redis. Once a count reaches its
 * limit, further attempts are refused (429) until the window ends, before any password is compared. When Redis
 * is unreachable logins are not limited (logged): locking every shopper out is worse than a minute unthrottled.
 */
@Component
class LoginLimiter {

    private static final Logger log = LoggerFactory.getLogger(LoginLimiter.class);
    /** Counts one failure and starts the window with the first. */
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""";

    private final UnifiedJedis redis;
    private final LoginLimitProperties props;

    LoginLimiter(UnifiedJedis redis, LoginLimitProperties props) {
        this.redis = redis;
        this.props = props;
    }

    /** How long the caller must wait, or {@link Duration#ZERO} when the attempt may go ahead. */
    Duration retryAfter(String email, String address) {
        try {
            return max(wait(accountKey(email), props.perAccount()), wait(addressKey(address), props.perAddress()));
        } catch (RuntimeException e) {
            log.warn("login limits unavailable (Redis): {}", e.toString());
            return Duration.ZERO;
        }
    }

    void failed(String email, String address) {
        try {
            String window = Long.toString(props.window().toMillis());
            redis.eval(COUNT, List.of(accountKey(email)), List.of(window));
            redis.eval(COUNT, List.of(addressKey(address)), List.of(window));
        } catch (RuntimeException e) {
            log.warn("failed login not counted (Redis): {}", e.toString());
        }
    }

    /** A successful login clears the account's count (not the address's: one success hides no stuffing). */
    void succeeded(String email) {
        try {
            redis.del(accountKey(email));
        } catch (RuntimeException e) {
            log.warn("login count not cleared (Redis): {}", e.toString());
        }
    }

    private Duration wait(String key, int limit) {
        String count = redis.get(key);
        if (count == null || Long.parseLong(count) < limit) {
            return Duration.ZERO;
        }
        long ttl = redis.pttl(key);
        return ttl > 0 ? Duration.ofMillis(ttl) : props.window();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Hashed: Redis need not hold the emails people tried. */
    private static String accountKey(String email) {
        return "login-failures:account:" + sha256(email);
    }

    private static String addressKey(String address) {
        return "login-failures:address:" + address;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
