package io.shopplatform.model;

/**
 * PgPool-II sizing from the seed ({@code children} client slots per PgPool instance, each caching up to
 * {@code connectionsPerChild} backend connections), and the synchronous quorum commits wait for.
 */
public record ConnectionPooling(int children, int connectionsPerChild, String synchronousQuorum) {

    public ConnectionPooling {
        Checks.positive(children, "PgPool children");
        Checks.positive(connectionsPerChild, "connections per child");
        Checks.required(synchronousQuorum, "synchronous quorum");
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

        private Builder() {}

        public Builder children(int value) { children = value; return this; }
        public Builder connectionsPerChild(int value) { connectionsPerChild = value; return this; }
        /** {@code synchronous_standby_names}' method: {@code ANY 1} is one acknowledging replica of any. */
        public Builder synchronousQuorum(String value) { synchronousQuorum = value; return this; }

        public ConnectionPooling build() {
            return new ConnectionPooling(Checks.required(children, "PgPool children"),
                    Checks.required(connectionsPerChild, "connections per child"), synchronousQuorum);
        }
    }
}
