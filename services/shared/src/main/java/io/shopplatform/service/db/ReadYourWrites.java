package io.shopplatform.service.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The read-your-writes fence. PgPool balances reads over standbys that may not have replayed a commit yet, so a
 * read right after a write (on this instance or, with the client's header, on any other) could miss it. Positions
 * are the primary's WAL position in bytes: after every committed write transaction the writer announces the
 * primary's position (and returns it to its HTTP client as {@value #VERSION_HEADER}); a client passes the latest
 * one it holds as {@value #MIN_VERSION_HEADER}. {@link #read} runs reads on a node that has replayed the highest
 * position it must see: the session's standby when it has, the primary otherwise.
 *
 * <p>Announcements expire after {@code shop.db.max-replica-lag}: by then every standby PgPool still balances to
 * has replayed them, so reads stop paying the check.
 */
public final class ReadYourWrites {

    /** Response header of a write: the position a later read must see to see this write. */
    public static final String VERSION_HEADER = "Shop-Version";
    /** Request header: the lowest position the reads of this request must see (the gateway passes it on). */
    public static final String MIN_VERSION_HEADER = "Shop-Min-Version";

    static final String REQUESTED = ReadYourWrites.class.getName() + ".requested";
    private static final String PRIMARY_POSITION = "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate reads;
    private final long maxLagNanos;
    private final Counter onStandby, onPrimary;
    private long announced;
    private long announcedAt;

    ReadYourWrites(JdbcTemplate jdbc, TransactionTemplate reads, Duration maxReplicaLag, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.maxLagNanos = maxReplicaLag.toNanos();
        this.onStandby = fencedReads("standby", meters);
        this.onPrimary = fencedReads("primary", meters);
    }

    /** The primary's position now: every change committed before this call is at or below it. */
    public long primaryPosition() {
        Long position = jdbc.queryForObject(PRIMARY_POSITION, Long.class);   // volatile: PgPool sends it to the primary
        return position == null ? 0 : position;
    }

    /** A change committed at {@code position} (this instance's, or another's it heard of): reads here must see it. */
    public synchronized void announce(long position) {
        if (position > currentAnnouncement()) {
            announced = position;
        }
        announcedAt = System.nanoTime();
    }

    /**
     * An event says another instance committed a change: reads here must see the primary as it is now (which
     * holds that change), or a cache filled from a lagging standby would keep the old value for its whole TTL.
     */
    public void catchUp() {
        announce(primaryPosition());
    }

    /** Whether this request carries a minimum position: its reads must not come from a cache filled before. */
    public boolean requested() {
        return requestedPosition() > 0;
    }

    /** Runs {@code reads} where the writes this request and this instance must see are visible. */
    public <T> T read(Supplier<T> reads) {
        long min = Math.max(requestedPosition(), currentAnnouncement());
        if (min <= 0) {
            return reads.get();
        }
        return this.reads.execute(status -> {
            fence(min);
            return reads.get();
        });
    }

    /** Inside a transaction: leaves its reads on the session's node if it has replayed {@code min}, else on the primary. */
    private void fence(long min) {
        Boolean fresh = jdbc.query("SELECT standby, position FROM wal_position", rs -> {
            rs.next();
            return !rs.getBoolean(1) || rs.getLong(2) >= min;
        });
        if (Boolean.TRUE.equals(fresh)) {
            onStandby.increment();
        } else {
            // A volatile call moves the rest of the transaction to the primary (disable_load_balance_on_write).
            jdbc.queryForObject(PRIMARY_POSITION, Long.class);
            onPrimary.increment();
        }
    }

    private synchronized long currentAnnouncement() {
        return announced > 0 && System.nanoTime() - announcedAt < maxLagNanos ? announced : 0;
    }

    /** Parsed and validated by {@link ReadYourWritesWeb}; 0 outside a request or without the header. */
    private static long requestedPosition() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object position = request == null ? null : request.getAttribute(REQUESTED, RequestAttributes.SCOPE_REQUEST);
        return position instanceof Long p ? p : 0;
    }

    /** After a committed write: announce it here and hand it to the HTTP client, if the write served one. */
    void written() {
        long position;
        try {
            position = primaryPosition();
        } catch (DataAccessException e) {
            return;   // the write stands; only the fence is weaker for this one (the primary just went away)
        }
        announce(position);
        ReadYourWritesWeb.respond(position);
    }

    static long parse(HttpServletRequest request) {
        String value = request.getHeader(MIN_VERSION_HEADER);
        if (value == null || value.isBlank()) {
            return 0;
        }
        long position = Long.parseLong(value.strip());
        if (position < 0) {
            throw new NumberFormatException("negative");
        }
        return position;
    }

    private static Counter fencedReads(String node, MeterRegistry meters) {
        return Counter.builder("shop.db.fenced.reads").tag("node", node)
                .description("reads that had to see a recent write, by the node that served them").register(meters);
    }
}
