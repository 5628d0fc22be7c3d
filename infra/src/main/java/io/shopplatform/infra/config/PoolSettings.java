package io.shopplatform.infra.config;

import io.shopplatform.model.NodePool;

/**
 * One node pool as this stack runs it: the model's pool, with the sizes the stack may override outside production.
 * Node counts are totals across all zones, like the model's.
 */
public record PoolSettings(NodePool model, String machineType, int minNodes, int maxNodes, boolean spot) {

    public String name() {
        return model.name();
    }

    /** Production runs the model's pool unchanged. */
    static PoolSettings of(NodePool model, boolean spot) {
        return new PoolSettings(model, model.machineType(), model.minNodes(), model.maxNodes(), spot);
    }
}
