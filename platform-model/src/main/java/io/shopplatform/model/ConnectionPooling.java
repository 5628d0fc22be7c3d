package io.shopplatform.model;

/**
 * PgPool-II sizing from the seed: {@code children} client slots per PgPool instance,
 * each caching up to {@code connectionsPerChild} backend connections.
 */
public record ConnectionPooling(int children, int connectionsPerChild, int streamingReplicas, String synchronousQuorum) {
    /** Backend connections one PgPool instance may open to each PostgreSQL node, at most. */
    public int maxBackendConnections() {
        return children * connectionsPerChild;
    }
}
