package io.shopplatform.drills;

import io.shopplatform.loadtests.shop.ShopTarget;
import io.shopplatform.local.LocalPlatform;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The running shop a drill breaks: where shoppers reach it ({@link ShopTarget}), the local tier whose servers it
 * kills and restores, each payment provider simulator's address (its admin API takes a provider down), and a
 * superuser session on the database the shop's services use (the developer's shop, or the tests' own).
 *
 * @param simulators the model's provider name → the simulator's {@code http://host:port}
 * @param processes  how this shop's service processes are killed and started again
 * @param alerting   whether the tier's Prometheus scrapes this shop's services (the shop {@code ./platform up} runs;
 *                   not e2e's, whose services listen on ports of their own), so that a drill can wait for its alert
 */
public record DrillTarget(ShopTarget shop, LocalPlatform tier, Map<String, String> simulators, Database database,
                          Processes processes, boolean alerting) {

    /** A new superuser connection on the shop's database. */
    @FunctionalInterface
    public interface Database {
        Connection connect() throws SQLException;
    }

    /** The shop's service processes, as whoever runs them kills and restarts them. */
    public interface Processes {
        /** SIGKILL, as a crash or an OOM kill ends a process; returns once it is gone. */
        void kill(String service);

        /** Starts it again as it ran before; returns once it is ready. */
        void restart(String service);

        static Processes of(java.util.function.Consumer<String> kill, java.util.function.Consumer<String> restart) {
            return new Processes() {
                @Override
                public void kill(String service) {
                    kill.accept(service);
                }

                @Override
                public void restart(String service) {
                    restart.accept(service);
                }
            };
        }
    }

    public DrillTarget {
        simulators = Map.copyOf(simulators);
    }

    public String simulator(String provider) {
        String url = simulators.get(provider);
        if (url == null) {
            throw new IllegalArgumentException("no simulator for payment provider " + provider);
        }
        return url;
    }
}
