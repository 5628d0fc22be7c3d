package io.shopplatform.infra.config;

import io.shopplatform.model.BootDisk;
import io.shopplatform.model.NodePool;

/**
 * One node pool as this stack runs it: the model's pool, with the sizes the stack may override outside production.
 * Node counts are totals across all zones, like the model's.
 */
public record PoolSettings(NodePool model, String machineType, int minNodes, int maxNodes, boolean spot) {

    public String name() {
        return model.name();
    }

    public BootDisk bootDisk() {
        return model.bootDisk();
    }

    public boolean confidential() {
        return model.confidential();
    }

    /**
     * Nodes each zone starts with: GKE creates the same count in every zone, so the fewest that reach the minimum.
     * {@link StackConfig#read} refuses bounds where that start would exceed the maximum.
     */
    public int initialNodesPerZone(int zones) {
        return (minNodes + zones - 1) / zones;
    }

    /** Production runs the model's pool unchanged. */
    static PoolSettings of(NodePool model, boolean spot) {
        return new PoolSettings(model, model.machineType(), model.minNodes(), model.maxNodes(), spot);
    }
}
