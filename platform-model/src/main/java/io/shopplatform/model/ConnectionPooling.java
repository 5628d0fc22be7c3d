package io.shopplatform.model;

/**
 * How the services reach PostgreSQL: the seed's PgPool-II sizing, and what the connection budget keeps aside.
 *
 * @param children                   client slots per PgPool instance (the seed: 50)
 * @param connectionsPerChild        backend connections each child caches, one per role it served (the seed: 4)
 * @param synchronousQuorum          how many standbys must have a commit before it is acknowledged
 * @param reservedClientSlots        PgPool slots kept for jobs and operators (migrations, partitions, a psql)
 * @param reservedBackendConnections PostgreSQL connections beyond PgPool's: superuser reserve, PgPool's health and
 *                                   replication checks, the backup server, the exporter, an operator's psql
 * @param largestServicePool         no service pod opens more connections than this, however much room is left
 */
public record ConnectionPooling(int children, int connectionsPerChild, String synchronousQuorum,
                                int reservedClientSlots, int reservedBackendConnections, int largestServicePool) {

    /** Backend connections one PgPool instance may open to each PostgreSQL member, at most. */
    public int maxBackendConnections() {
        return children * connectionsPerChild;
    }
}
