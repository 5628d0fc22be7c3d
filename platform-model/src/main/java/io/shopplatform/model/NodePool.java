package io.shopplatform.model;

import java.util.Optional;

/**
 * A GKE node pool spread over the cluster's zones.
 * Node counts are totals across all zones, so the pools' sums are the cluster's bounds.
 */
public record NodePool(
        String name,
        String machineType,
        int vcpus,
        int memoryGiB,
        int minNodes,
        int maxNodes,
        Optional<Taint> taint,
        boolean spotAllowed,
        String purpose) {

    public NodePool {
        Checks.name(name, "node pool name");
        if (minNodes < 0 || maxNodes < Math.max(1, minNodes)) {
            throw new IllegalArgumentException(name + ": node bounds must satisfy 0 <= min <= max, max >= 1");
        }
    }

    /** The node label every pool carries, used by node affinity. */
    public static final String LABEL = "shop.io/pool";
}
