package io.shopplatform.model;

import java.time.Duration;
import java.util.UUID;

/**
 * Sessions ended before their access tokens expire (logout, password change or reset, account deletion, a
 * replayed refresh token). The user service writes a Redis marker per ended session that lives as long as an
 * access token may; the gateway refuses a token whose session has one. This is the one definition of the key
 * both read: {@code session-ended:{<account>}:<session>}, in the style of the user service's
 * {@code session:{<account>}:<session>}, so an account's keys share a Redis Cluster hash slot.
 */
public final class EndedSessions {

    /** The access token's claim naming its session (the refresh family's id); {@code sub} names the account. */
    public static final String SESSION_CLAIM = "sid";

    /**
     * How long past its {@code exp} a token still passes validation (Spring Security's {@code JwtTimestampValidator}
     * default, which the gateway keeps): a marker outlives the access token by this much.
     */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private EndedSessions() {}

    public static String key(UUID account, UUID session) {
        return key(account.toString(), session.toString());
    }

    /** The key for a token's {@code sub} and {@code sid}, as the gateway reads them. */
    public static String key(String account, String session) {
        return "session-ended:{" + account + "}:" + session;
    }
}
