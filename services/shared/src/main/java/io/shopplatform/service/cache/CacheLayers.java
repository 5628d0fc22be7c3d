package io.shopplatform.service.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Makes the {@link LayeredCache}s of a service over its one L1 and its L2/L3 connections. */
public final class CacheLayers {

    private final LocalLayer local;
    private final List<GuardedLayer> remotes;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Set<Layer> disabled;

    CacheLayers(LocalLayer local, List<GuardedLayer> remotes, ObjectMapper json, MeterRegistry meters,
                Set<Layer> disabled) {
        this.disabled = disabled;
        this.local = local;
        this.remotes = remotes;
        this.json = json;
        this.meters = meters;
    }

    public <V> LayeredCache<V> cache(CacheSpec spec, Class<V> type) {
        return cache(spec, json.constructType(type));
    }

    /** For generic values, e.g. {@code json.getTypeFactory().constructCollectionType(List.class, Item.class)}. */
    public <V> LayeredCache<V> cache(CacheSpec spec, JavaType type) {
        Set<Layer> layers = EnumSet.noneOf(Layer.class);
        layers.addAll(spec.layers());
        layers.removeAll(disabled);
        List<GuardedLayer> present = remotes.stream().filter(r -> layers.contains(r.layer())).toList();
        return new LayeredCache<>(spec.name(), spec.ttl(), layers.contains(Layer.LOCAL) ? local : null, present, json,
                type, new CacheMetrics(spec.name(), meters));
    }
}
