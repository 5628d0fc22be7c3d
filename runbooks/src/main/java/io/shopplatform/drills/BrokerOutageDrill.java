package io.shopplatform.drills;

import io.shopplatform.local.machine.Supervisor;
import io.shopplatform.local.servers.Kafka;
import io.shopplatform.model.Shop;
import io.shopplatform.monitoring.AlertRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seed's broker failure: Kafka lost while shoppers buy. Checkouts must go on (the services write their events to
 * their outboxes in the same transaction as the change), and once Kafka is back every event written meanwhile must be
 * published by the relays, none parked as undeliverable, and every consumer group must have taken them in.
 */
public final class BrokerOutageDrill implements ShopDrill {

    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(3);

    @Override
    public String name() {
        return "broker-outage";
    }

    @Override
    public String description() {
        return "Kafka lost under shoppers: checkouts go on, every event written meanwhile is published once it returns";
    }

    @Override
    public Report run(DrillTarget target) throws InterruptedException {
        String down = "kafka down", back = "kafka back";
        try (DrillRun run = new DrillRun(name(), target)) {
            run.shopUntilOrders();

            run.next(down);
            Map<String, Kafka.GroupPosition> atKill = target.tier().consumerGroups();
            Instant killed = Instant.now();
            target.tier().kill(Shop.KAFKA);
            run.shopUntilOrders();
            run.awaitAlert(AlertRules.EVENT_BROKER_UNREACHABLE, true);
            Backlog written = backlog(target, killed);
            run.figure(written.total() + " events written to the outboxes while Kafka was down, "
                    + written.unpublished() + " of them waiting");

            run.next(back);
            target.tier().restore(Shop.KAFKA);
            if (Supervisor.waitFor(() -> backlog(target, killed).unpublished() == 0, DRAIN_LIMIT)) {
                run.figure(String.format("every one published %.1f s after Kafka answered", run.secondsIntoPhase()));
            } else {
                run.broken(backlog(target, killed).unpublished() + " events written while Kafka was down still unpublished "
                        + DRAIN_LIMIT.toSeconds() + " s after it returned");
            }
            caughtUp(run, target, atKill);
            Backlog after = backlog(target, killed);
            if (after.parked() > 0) {
                run.broken(after.parked() + " events parked as undeliverable: a broker outage must cost no event");
            }
            if (written.unpublished() == 0) {
                run.broken("no event waited while Kafka was down: the drill did not reach the relays");
            }
            run.shopUntilOrders();
            run.awaitAlert(AlertRules.EVENT_BROKER_UNREACHABLE, false);
            run.stop();
            return run.report();
        } finally {
            if (!target.tier().answers(Shop.KAFKA)) {
                target.tier().restore(Shop.KAFKA);
            }
        }
    }

    /**
     * Delivered is consumed: each consumer group that had members when Kafka went down must reach the end of its
     * partitions again (lag 0); the figure per group is how many records it took in since the kill.
     */
    private static void caughtUp(DrillRun run, DrillTarget target, Map<String, Kafka.GroupPosition> atKill) {
        if (atKill.isEmpty()) {
            run.broken("no consumer group had members when Kafka went down: the shop's consumers were not running");
            return;
        }
        Map<String, Kafka.GroupPosition> now = new TreeMap<>();
        boolean all = Supervisor.waitFor(() -> {
            try {
                Map<String, Kafka.GroupPosition> read = target.tier().consumerGroups();
                now.clear();
                now.putAll(read);
            } catch (IllegalStateException justBack) {
                return false;   // the broker answers but does not serve group requests yet
            }
            return atKill.keySet().stream().allMatch(g -> now.containsKey(g) && now.get(g).lag() == 0);
        }, DRAIN_LIMIT);
        List<String> groups = new ArrayList<>();
        atKill.forEach((group, then) -> {
            Kafka.GroupPosition p = now.get(group);
            groups.add(p == null ? group + " gone" : group + " +" + (p.committed() - then.committed())
                    + (p.lag() == 0 ? "" : " (" + p.lag() + " behind)"));
        });
        run.figure((all ? String.format("every consumer group caught up %.1f s into the phase: ", run.secondsIntoPhase())
                : "consumer groups: ") + String.join(", ", groups));
        if (!all) {
            run.broken("consumer groups still behind or gone " + DRAIN_LIMIT.toSeconds() + " s after Kafka returned: "
                    + String.join(", ", groups));
        }
    }

    /** Events written since {@code since} over every service's outbox: all, not yet published, parked. */
    record Backlog(long total, long unpublished, long parked) {}

    private static Backlog backlog(DrillTarget target, Instant since) {
        try (Connection c = target.database().connect(); Statement s = c.createStatement()) {
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox'")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            long total = 0, unpublished = 0, parked = 0;
            for (String schema : schemas) {
                try (PreparedStatement q = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE published_at IS NULL"
                        + " AND parked_at IS NULL), count(*) FILTER (WHERE parked_at IS NOT NULL) FROM \"" + schema
                        + "\".outbox WHERE created_at >= ?")) {
                    q.setTimestamp(1, Timestamp.from(since));
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        total += rs.getLong(1);
                        unpublished += rs.getLong(2);
                        parked += rs.getLong(3);
                    }
                }
            }
            return new Backlog(total, unpublished, parked);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the outboxes: " + e.getMessage(), e);
        }
    }
}
