package io.shopplatform.model;

import java.util.Optional;

/**
 * A GKE node pool spread over the cluster's zones.
 * Node counts are totals across all zones, so the pools' sums are the cluster's bounds.
 *
 * @param vcpus    what one node offers (with {@code memoryGiB}): each component's limits must fit on one node
 * @param taint    only pods that tolerate it land here (a pool dedicated to one kind of workload)
 * @param capacity whether a stack may run the pool on spot VMs
 * @param bootDisk each node's boot disk
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
        Capacity capacity,
        BootDisk bootDisk,
        boolean confidential,
        String purpose) {

    /** The node label every pool carries, used by node affinity. */
    public static final String LABEL = "shop.io/pool";
    /** The taint key of a dedicated pool; the value says what it is dedicated to. */
    static final String DEDICATED = "dedicated";

    /** What kind of VMs a pool may run on. */
    public enum Capacity {
        /** Regular VMs only: the pool holds what must not be preempted. */
        ON_DEMAND,
        /** A stack may choose spot VMs (the seed: spot instances for non-critical workloads). */
        SPOT_ALLOWED
    }

    public NodePool {
        Checks.name(name, "node pool name");
        Checks.required(machineType, name + ": machine type");
        Checks.positive(vcpus, name + ": vCPUs");
        Checks.positive(memoryGiB, name + ": memory");
        if (minNodes < 0 || maxNodes < Math.max(1, minNodes)) {
            throw new IllegalArgumentException(name + ": node bounds must satisfy 0 <= min <= max, max >= 1");
        }
        Checks.required(capacity, name + ": capacity");
        Checks.required(bootDisk, name + ": boot disk");
        if (confidential && !supportsConfidentialNodes(machineType)) {
            throw new IllegalArgumentException(name + ": " + machineType + " cannot run Confidential GKE Nodes");
        }
    }

    /** Confidential GKE Nodes encrypt memory with AMD SEV, which only the AMD families offer. */
    public static boolean supportsConfidentialNodes(String machineType) {
        return machineType.startsWith("n2d-") || machineType.startsWith("c2d-");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public boolean spotAllowed() {
        return capacity == Capacity.SPOT_ALLOWED;
    }

    public static final class Builder {
        private final String name;
        private String machineType, purpose;
        private Integer vcpus, memoryGiB, minNodes, maxNodes;
        private Optional<Taint> taint = Optional.empty();
        private Capacity capacity = Capacity.ON_DEMAND;
        private BootDisk bootDisk;
        private boolean confidential;

        private Builder(String name) {
            this.name = name;
        }

        public Builder machineType(String value) { machineType = value; return this; }
        /** What one node of the machine type offers: every pod on the pool must fit on one. */
        public Builder vcpus(int value) { vcpus = value; return this; }
        public Builder memoryGiB(int value) { memoryGiB = value; return this; }

        public Builder minNodes(int value) { minNodes = value; return this; }
        public Builder maxNodes(int value) { maxNodes = value; return this; }
        /** Taints the pool so that only workloads tolerating {@code dedicated=<to>} run on it. */
        public Builder dedicatedTo(String to) { taint = Optional.of(new Taint(DEDICATED, to)); return this; }
        public Builder capacity(Capacity value) { capacity = value; return this; }
        public Builder purpose(String value) { purpose = value; return this; }
        public Builder bootDisk(BootDisk value) { bootDisk = value; return this; }
        /** Nodes encrypt their memory (Confidential GKE Nodes). */
        public Builder confidential() { confidential = true; return this; }

        public NodePool build() {
            return new NodePool(name, machineType, Checks.required(vcpus, name + ": vCPUs"),
                    Checks.required(memoryGiB, name + ": memory"), Checks.required(minNodes, name + ": minimum nodes"),
                    Checks.required(maxNodes, name + ": maximum nodes"), taint, capacity, bootDisk, confidential,
                    Checks.required(purpose, name + ": purpose"));
        }
    }
}
