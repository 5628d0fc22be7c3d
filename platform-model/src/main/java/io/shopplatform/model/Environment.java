package io.shopplatform.model;

import java.util.Locale;

/**
 * The stacks the platform is deployed as. Production runs the seed's numbers;
 * staging half of them; development the least that still exercises every mechanism.
 */
public enum Environment {
    DEV, STAGING, PROD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Environment of(String id) {
        for (Environment e : values()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown environment '" + id + "' (expected dev, staging or prod)");
    }

    /** Namespace the platform's workloads live in. */
    public String namespace() {
        return "shop-" + id();
    }

    /** The reserved global address the front door's load balancer answers on (infra reserves it, the Ingress names it). */
    public String publicAddress() {
        return namespace() + "-front-door";
    }

    /** The HPA bounds for a service in this environment. */
    public Autoscaling scale(Autoscaling seed) {
        return switch (this) {
            case PROD -> seed;
            case STAGING -> seed.toBuilder().minReplicas(Math.max(2, seed.minReplicas() / 2))
                    .maxReplicas(Math.max(2, seed.maxReplicas() / 2)).build();
            case DEV -> seed.toBuilder().minReplicas(1).maxReplicas(2).build();
        };
    }

    /** Instances of a stateful component (data tier) in this environment. */
    public int instances(Component c) {
        return this == PROD ? c.replicas() : Math.min(c.replicas(), this == STAGING ? c.replicas() : minimumFor(c));
    }

    private static int minimumFor(Component c) {
        // Development keeps clustering alive where a single node would hide it: quorum replication needs a primary
        // and two standbys (with one standby, ANY 1 would stop every write while it restarts), PgPool's watchdog a
        // majority of three, a Redis cluster six nodes (three masters, three replicas) to form at all.
        return switch (c.kind()) {
            case DATABASE, POOLER -> 3;
            case CACHE -> c.isClustered() ? c.replicas() : 1;
            default -> 1;
        };
    }
}
