package io.shopplatform.model;

import java.util.Optional;

/**
 * A GKE node pool spread over the cluster's zones.
 * Node counts are totals across all zones, so the pools' sums are the cluster's bounds.
 *
 * @param confidential whether nodes encrypt their memory (Confidential GKE Nodes), which needs a machine family with
 *                     AMD SEV (N2D, C2D)
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
        BootDisk bootDisk,
        boolean confidential,
        String purpose) {

    public NodePool {
        Checks.name(name, "node pool name");
        if (minNodes < 0 || maxNodes < Math.max(1, minNodes)) {
            throw new IllegalArgumentException(name + ": node bounds must satisfy 0 <= min <= max, max >= 1");
        }
        if (confidential && !supportsConfidentialNodes(machineType)) {
            throw new IllegalArgumentException(name + ": " + machineType + " cannot run Confidential GKE Nodes");
        }
    }

    /** Confidential GKE Nodes encrypt memory with AMD SEV, which only the AMD families offer. */
    public static boolean supportsConfidentialNodes(String machineType) {
        return machineType.startsWith("n2d-") || machineType.startsWith("c2d-");
    }

    /** The node label every pool carries, used by node affinity. */
    public static final String LABEL = "shop.io/pool";
}
