package io.shopplatform.model;

import java.util.List;
import java.util.Optional;

/**
 * One deployable part of the platform.
 *
 * @param replicas   instances in production at rest (for services, the HPA minimum)
 * @param nodePool   the node pool it runs on, by name; empty for external components
 * @param membership whether instances form a cluster with each other (replication, cluster bus)
 * @param schedule   cron schedule, for {@link Kind#JOB} only
 * @param priority   who is preempted first when nodes run short (by default, from the kind)
 * @param edgeCache  what caches its answers in front of it (only a component the load balancer reaches has one)
 */
public record Component(
        String name,
        Kind kind,
        String purpose,
        Optional<Image> image,
        List<Port> ports,
        int replicas,
        Resources resources,
        Optional<Autoscaling> autoscaling,
        Optional<String> nodePool,
        Membership membership,
        Optional<String> schedule,
        Priority priority,
        EdgeCache edgeCache) {

    /** How a component's instances relate. */
    public enum Membership {
        /** Each instance stands alone (memcached's client shards keys; PgPool instances share nothing). */
        STANDALONE,
        /** Instances form one cluster: replication, a cluster bus, a quorum; it needs its members to work at all. */
        CLUSTERED
    }

    public Component {
        Checks.name(name, "component name");
        Checks.required(kind, name + ": kind");
        Checks.required(purpose, name + ": purpose");
        ports = List.copyOf(ports);
        if (kind != Kind.EXTERNAL && image.isEmpty()) {
            throw new IllegalArgumentException(name + ": every deployed component needs a pinned image");
        }
        if (kind == Kind.SERVICE && autoscaling.isEmpty()) {
            throw new IllegalArgumentException(name + ": every service scales (seed: HPA per service)");
        }
        autoscaling.ifPresent(a -> {
            if (a.minReplicas() != replicas) {
                throw new IllegalArgumentException(name + ": replicas must equal the HPA minimum");
            }
        });
        Checks.required(priority, name + ": priority");
        if ((kind == Kind.JOB) != schedule.isPresent()) {
            throw new IllegalArgumentException(name + ": jobs and only jobs have a schedule");
        }
        Checks.required(edgeCache, name + ": edge cache");
    }

    public static Builder builder(String name, Kind kind) {
        return new Builder(name, kind);
    }

    public Port port(String portName) {
        return ports.stream().filter(p -> p.name().equals(portName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no port named " + portName));
    }

    /** The port clients use: the first declared. */
    public Port mainPort() {
        if (ports.isEmpty()) {
            throw new IllegalStateException(name + " listens on nothing");
        }
        return ports.get(0);
    }

    /** The same component running another build of its image (pinned by digest, say). */
    public Component withImage(Image other) {
        return new Component(name, kind, purpose, Optional.of(other), ports, replicas, resources, autoscaling, nodePool,
                membership, schedule, priority, edgeCache);
    }

    public boolean isService() {
        return kind == Kind.SERVICE;
    }

    public boolean isClustered() {
        return membership == Membership.CLUSTERED;
    }

    /**
     * Defaults: one replica, standalone, no ports, no image, no pool, no edge cache; external components are never
     * sized.
     */
    public static final class Builder {
        private final String name;
        private final Kind kind;
        private String purpose;
        private Optional<Image> image = Optional.empty();
        private List<Port> ports = List.of();
        private int replicas = 1;
        private Resources resources;
        private Optional<Autoscaling> autoscaling = Optional.empty();
        private Optional<String> nodePool = Optional.empty();
        private Membership membership = Membership.STANDALONE;
        private Optional<String> schedule = Optional.empty();
        private Priority priority;
        private EdgeCache edgeCache = EdgeCache.NONE;

        private Builder(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
            this.priority = Priority.of(kind);
            if (kind == Kind.EXTERNAL) {
                replicas = 0;
                resources = Resources.NOT_DEPLOYED;
            }
        }

        public Builder purpose(String value) { purpose = value; return this; }
        public Builder image(Image value) { image = Optional.of(value); return this; }
        /** A pinned reference, {@code repository:tag}. */
        public Builder image(String reference) { return image(Image.parse(reference)); }
        public Builder ports(Port... value) { ports = List.of(value); return this; }
        public Builder ports(List<Port> value) { ports = value; return this; }
        public Builder replicas(int value) { replicas = value; return this; }
        public Builder resources(Resources value) { resources = value; return this; }
        /** A service's HPA row; its minimum is the replica count at rest. */
        public Builder autoscaling(Autoscaling value) {
            autoscaling = Optional.of(value);
            replicas = value.minReplicas();
            return this;
        }
        public Builder nodePool(String value) { nodePool = Optional.of(value); return this; }
        public Builder membership(Membership value) { membership = value; return this; }
        /** A job's cron schedule (UTC). */
        public Builder schedule(String cron) { schedule = Optional.of(cron); return this; }
        public Builder priority(Priority value) { priority = value; return this; }
        public Builder edgeCache(EdgeCache value) { edgeCache = value; return this; }

        public Component build() {
            return new Component(name, kind, purpose, image, ports, replicas,
                    Checks.required(resources, name + ": resources"), autoscaling, nodePool, membership, schedule, priority,
                    edgeCache);
        }
    }
}
