package io.shopplatform.local.drills;

import io.shopplatform.local.LocalPlatform;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A failure scenario of the seed, run against a running data tier: breaks something, measures, makes it whole again. */
public interface Drill {

    /** What a drill measured: one line of figures, and what it saw that the seed forbids (none: it passed). */
    interface Report {
        String summary();

        List<String> violations();

        /** What no drill may see: acknowledged writes missing afterwards, writes PgPool sent to a standby. */
        static List<String> dataViolations(Set<Long> lost, long readOnlyErrors) {
            List<String> v = new ArrayList<>();
            if (!lost.isEmpty()) {
                v.add(lost.size() + " acknowledged writes lost");
            }
            if (readOnlyErrors > 0) {
                v.add(readOnlyErrors + " writes sent to a read-only node");
            }
            return v;
        }
    }

    Report run(LocalPlatform platform) throws SQLException, InterruptedException;
}
