package io.shopplatform.model;

/**
 * PgPool-II sizing from the seed ({@code children} client slots per PgPool instance, each caching up to
 * {@code connectionsPerChild} backend connections), the synchronous quorum commits wait for, and what the connection
 * budget ({@link ConnectionBudget}) keeps aside.
 *
 * @param reservedClientSlots        PgPool slots kept for jobs and operators (migrations, partitions, a psql)
 * @param reservedBackendConnections PostgreSQL connections beyond PgPool's: superuser reserve, PgPool's health and
 *                                   replication checks, the backup server, the exporter, an operator's psql
 * @param largestServicePool         no service pod opens more connections than this, however much room is left
 */
public record ConnectionPooling(int children, int connectionsPerChild, String synchronousQuorum,
                                int reservedClientSlots, int reservedBackendConnections, int largestServicePool) {

    public ConnectionPooling {
        Checks.positive(children, "PgPool children");
        Checks.positive(connectionsPerChild, "connections per child");
        Checks.required(synchronousQuorum, "synchronous quorum");
        Checks.positive(largestServicePool, "largest service pool");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Backend connections one PgPool instance may open to each PostgreSQL node, at most. */
    public int maxBackendConnections() {
        return children * connectionsPerChild;
    }

    public static final class Builder {
        private Integer children, connectionsPerChild;
        private String synchronousQuorum;
        private int reservedClientSlots, reservedBackendConnections;
        private Integer largestServicePool;

        private Builder() {}

        public Builder children(int value) { children = value; return this; }
        public Builder connectionsPerChild(int value) { connectionsPerChild = value; return this; }
        /** {@code synchronous_standby_names}' method: {@code ANY 1} is one acknowledging replica of any. */
        public Builder synchronousQuorum(String value) { synchronousQuorum = value; return this; }
        /** PgPool slots no service pod may take (jobs, migrations, an operator). */
        public Builder reservedClientSlots(int value) { reservedClientSlots = value; return this; }
        /** PostgreSQL connections kept beyond what the PgPools may open. */
        public Builder reservedBackendConnections(int value) { reservedBackendConnections = value; return this; }
        public Builder largestServicePool(int value) { largestServicePool = value; return this; }

        public ConnectionPooling build() {
            return new ConnectionPooling(Checks.required(children, "PgPool children"),
                    Checks.required(connectionsPerChild, "connections per child"), synchronousQuorum,
                    reservedClientSlots, reservedBackendConnections,
                    Checks.required(largestServicePool, "largest service pool"));
        }
    }
}
