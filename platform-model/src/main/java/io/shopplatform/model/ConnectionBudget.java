package io.shopplatform.model;

import java.util.List;

/**
 * The database connections an environment needs at its largest, and where they fit. Every service pod opens a
 * connection pool of {@link #servicePool} through PgPool; each client connection holds one PgPool child for as long
 * as it is open, and each child caches up to {@link ConnectionPooling#connectionsPerChild} connections to every
 * PostgreSQL member. So: every pod of every database-using service at its HPA maximum, times its pool, plus the
 * reserve, must fit in the PgPools' children; and every child's cached connections, plus the reserve, in each
 * member's {@code max_connections}.
 *
 * @param poolers            PgPool instances in this environment
 * @param servicePodsAtMax   pods of the services that use the database, every one at its HPA maximum
 * @param servicePool        connections per service pod (Hikari's maximum pool size, {@code SHOP_DB_POOL_SIZE})
 * @param clientSlots        PgPool children over all instances
 * @param maxConnections     PostgreSQL's max_connections on every member
 */
public record ConnectionBudget(Environment env, int poolers, int childrenPerPooler, int connectionsPerChild,
                               int servicePodsAtMax, int servicePool, int clientSlots, int reservedClientSlots,
                               int backendsPerMember, int maxConnections) {

    public static ConnectionBudget of(Platform platform, Environment env) {
        ConnectionPooling pooling = platform.pooling();
        int poolers = env.instances(platform.component(Shop.PGPOOL));
        int podsAtMax = databaseServices(platform).stream()
                .mapToInt(s -> env.scale(s.autoscaling().orElseThrow()).maxReplicas()).sum();
        int clientSlots = poolers * pooling.children();
        int pool = Math.min(pooling.largestServicePool(), (clientSlots - pooling.reservedClientSlots()) / podsAtMax);
        int backends = poolers * pooling.maxBackendConnections();
        return new ConnectionBudget(env, poolers, pooling.children(), pooling.connectionsPerChild(), podsAtMax, pool,
                clientSlots, pooling.reservedClientSlots(),
                backends, backends + pooling.reservedBackendConnections());
    }

    /** The services that open connections to the database (through PgPool). */
    public static List<Component> databaseServices(Platform platform) {
        return platform.services().stream().filter(s -> platform.mayConnect(s.name(), Shop.PGPOOL)).toList();
    }

    /** Client connections at the largest: every service pod's pool, and the reserve. */
    public int clientSlotsNeeded() {
        return servicePodsAtMax * servicePool + reservedClientSlots;
    }

    /** Whether every pod can have a pool of at least one connection and everything fits. */
    public boolean fits() {
        return servicePool >= 1 && clientSlotsNeeded() <= clientSlots && backendsPerMember < maxConnections;
    }

    @Override
    public String toString() {
        return String.format("%s: %d service pods at HPA maximum x %d connections + %d reserved = %d of %d PgPool slots "
                        + "(%d PgPools x children); PostgreSQL max_connections %d (%d from PgPool + reserve)",
                env.id(), servicePodsAtMax, servicePool, reservedClientSlots, clientSlotsNeeded(), clientSlots, poolers,
                maxConnections, backendsPerMember);
    }
}
