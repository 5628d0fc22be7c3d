package io.shopplatform.user.auth;

import io.shopplatform.model.EndedSessions;
import io.shopplatform.model.Shop;
import io.shopplatform.user.keys.TokenProperties;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Sessions in Redis, write-through: a login writes its session to Redis and its refresh-token family (the
 * session's durable record) to PostgreSQL in the same request; both live the seed's 24 h. A session's id is its
 * refresh family's id and travels in the access token ({@code sid}). Keys of one account share a Redis Cluster
 * hash slot ({@code {account}}), so ending all of them is one command.
 *
 * <p>A session missing from Redis (Redis restarted, or unreachable) is looked up in PostgreSQL on the primary and
 * written back, so a Redis outage neither logs everyone out nor revives a session that logout ended.
 *
 * <p>An ended session also gets a marker ({@link EndedSessions}) for as long as one of its access tokens may still
 * be valid, which the gateway checks on every request: other services see only the signature, not this store.
 */
@Component
public class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    public static final Duration TTL = Shop.PLATFORM.cache("sessions").ttl();

    private final UnifiedJedis redis;
    private final JdbcTemplate jdbc;
    private final Duration markerTtl;

    Sessions(UnifiedJedis redis, JdbcTemplate jdbc, TokenProperties tokens) {
        this.redis = redis;
        this.jdbc = jdbc;
        this.markerTtl = tokens.accessTtl().plus(EndedSessions.CLOCK_SKEW);   // the token's last valid moment
    }

    /** Records a new session in Redis (its refresh family is already written). */
    void start(UUID account, UUID session) {
        try {
            redis.set(key(account, session), "1", SetParams.setParams().px(TTL.toMillis()));
            redis.sadd(index(account), session.toString());
            redis.pexpire(index(account), TTL.toMillis());
        } catch (RuntimeException e) {
            log.warn("session {} not written to Redis (PostgreSQL has it): {}", session, e.toString());
        }
    }

    /** Whether {@code session} of {@code account} is live: not ended by logout, password change or reset. */
    public boolean active(UUID account, UUID session) {
        try {
            if (redis.exists(key(account, session))) {
                return true;
            }
        } catch (RuntimeException e) {
            log.warn("Redis unavailable for sessions, asking PostgreSQL: {}", e.toString());
            return durable(account, session);
        }
        boolean live = durable(account, session);
        if (live) {
            start(account, session);
        }
        return live;
    }

    /** Ends one session in Redis (its family is revoked in PostgreSQL by the caller). */
    void end(UUID account, UUID session) {
        markEnded(account, List.of(session));
        try {
            redis.del(key(account, session));
            redis.srem(index(account), session.toString());
        } catch (RuntimeException e) {
            log.warn("session {} not removed from Redis (PostgreSQL has it revoked): {}", session, e.toString());
        }
    }

    /** Ends every session of {@code account} in Redis at once (its families, {@code ended}, revoked by the caller). */
    void endAll(UUID account, Collection<UUID> ended) {
        markEnded(account, ended);
        try {
            Set<String> sessions = redis.smembers(index(account));
            String[] keys = new String[sessions.size() + 1];
            int i = 0;
            for (String s : sessions) {
                keys[i++] = key(account, UUID.fromString(s));
            }
            keys[i] = index(account);
            redis.del(keys);
        } catch (RuntimeException e) {
            log.warn("sessions of {} not removed from Redis (PostgreSQL has them revoked): {}", account, e.toString());
        }
    }

    /**
     * Marks {@code ended} for the gateway until their last access token expires (and its clock skew is past). Unwritten (Redis unreachable),
     * the gateway passes those tokens until they expire; this service refuses them from PostgreSQL meanwhile.
     */
    private void markEnded(UUID account, Collection<UUID> ended) {
        try {
            for (UUID session : ended) {
                redis.set(EndedSessions.key(account, session), "1", SetParams.setParams().px(markerTtl.toMillis()));
            }
        } catch (RuntimeException e) {
            log.warn("ended sessions {} not marked in Redis (the gateway passes their access tokens until they"
                    + " expire): {}", ended, e.toString());
        }
    }

    /** The durable record: a family not revoked and younger than a session lives (a locking read: the primary). */
    private boolean durable(UUID account, UUID session) {
        return !jdbc.queryForList("""
                SELECT 1 FROM refresh_tokens WHERE account_id = ? AND family_id = ? AND revoked_at IS NULL
                AND expires_at > now() LIMIT 1 FOR SHARE""", Integer.class, account, session).isEmpty();
    }

    private static String key(UUID account, UUID session) {
        return "session:{" + account + "}:" + session;
    }

    private static String index(UUID account) {
        return "sessions:{" + account + "}";
    }
}
