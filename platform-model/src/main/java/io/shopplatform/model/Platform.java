package io.shopplatform.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole platform as data. {@link Shop#PLATFORM} is the one instance; everything else derives from it.
 * The constructor refuses an inconsistent platform, so a typo in {@link Shop} fails the first test that loads it.
 *
 * @param zones              the zones the cluster spreads over
 * @param minNodes           the cluster's node bounds, the sums of its pools'
 * @param applicationCacheMi the in-process (L1) cache of each service instance, on its heap: at most half of a
 *                           service's memory, so the JVM keeps room for everything else
 * @param termination        how a service's pod drains when it is stopped
 */
public record Platform(
        int zones,
        int minNodes,
        int maxNodes,
        List<NodePool> nodePools,
        List<Component> components,
        List<Edge> edges,
        ConnectionPooling pooling,
        int applicationCacheMi,
        List<CachePolicy> caches,
        Sla sla,
        Alerting alerting,
        DatabaseTargets database,
        Canary canary,
        BackupPolicy backups,
        Traffic traffic,
        Termination termination) {

    public Platform {
        nodePools = List.copyOf(nodePools);
        components = List.copyOf(components);
        edges = List.copyOf(edges);
        caches = List.copyOf(caches);
        Checks.positive(applicationCacheMi, "application cache size");
        Checks.required(pooling, "connection pooling");
        Checks.required(sla, "SLA");
        Checks.required(alerting, "alerting thresholds");
        Checks.required(database, "database targets");
        Checks.required(canary, "canary");
        Checks.required(backups, "backup policy");
        Checks.required(traffic, "traffic");
        Checks.required(termination, "termination");
        validate(zones, minNodes, maxNodes, nodePools, components, edges, applicationCacheMi);
        if (database.failoverDetection().compareTo(backups.rto()) >= 0) {
            throw new IllegalStateException("inconsistent platform model: failover detection ("
                    + database.failoverDetection() + ") must leave room within the RTO (" + backups.rto() + ")");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This platform with some parts changed (tests of the validation use it). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.zones = zones;
        b.minNodes = minNodes;
        b.maxNodes = maxNodes;
        b.nodePools = nodePools;
        b.components = components;
        b.edges = edges;
        b.pooling = pooling;
        b.applicationCacheMi = applicationCacheMi;
        b.caches = caches;
        b.sla = sla;
        b.alerting = alerting;
        b.database = database;
        b.canary = canary;
        b.backups = backups;
        b.traffic = traffic;
        b.termination = termination;
        return b;
    }

    public Component component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component named " + name));
    }

    public List<Component> services() {
        return components.stream().filter(Component::isService).toList();
    }

    public List<Component> ofKind(Kind kind) {
        return components.stream().filter(c -> c.kind() == kind).toList();
    }

    public NodePool nodePool(String name) {
        return nodePools.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node pool named " + name));
    }

    /** Where {@code component} may connect to. */
    public List<Edge> edgesFrom(String component) {
        return edges.stream().filter(e -> e.from().equals(component)).toList();
    }

    /** Who may connect to {@code component}. */
    public List<Edge> edgesTo(String component) {
        return edges.stream().filter(e -> e.to().equals(component)).toList();
    }

    public boolean mayConnect(String from, String to) {
        return edges.stream().anyMatch(e -> e.from().equals(from) && e.to().equals(to));
    }

    public LoadProfile loadProfile(String name) {
        return traffic.profile(name);
    }

    public CachePolicy cache(String data) {
        return caches.stream().filter(c -> c.data().equals(data)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cache policy for " + data));
    }

    private static void validate(int zones, int minNodes, int maxNodes, List<NodePool> pools,
                                 List<Component> components, List<Edge> edges, int applicationCacheMi) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        components.forEach(c -> {
            if (!names.add(c.name())) {
                problems.add("component " + c.name() + " is declared twice");
            }
        });
        Map<String, Component> byName = components.stream()
                .collect(Collectors.toMap(Component::name, Function.identity(), (a, b) -> a));
        Set<String> poolNames = pools.stream().map(NodePool::name).collect(Collectors.toSet());
        for (Component c : components) {
            c.nodePool().filter(p -> !poolNames.contains(p))
                    .ifPresent(p -> problems.add(c.name() + " runs on unknown node pool " + p));
            if (c.kind() != Kind.EXTERNAL && c.nodePool().isEmpty()) {
                problems.add(c.name() + " has no node pool");
            }
            c.nodePool().flatMap(p -> pools.stream().filter(pool -> pool.name().equals(p)).findFirst())
                    .filter(pool -> c.resources().cpuLimitMillis() > pool.vcpus() * 1000
                            || c.resources().memoryMi() > pool.memoryGiB() * 1024)
                    .ifPresent(pool -> problems.add(c.name() + " (limits " + c.resources().cpuLimit() + ", "
                            + c.resources().memoryLimit() + ") does not fit on one " + pool.machineType() + " node of "
                            + pool.name() + " (" + pool.vcpus() + " vCPU, " + pool.memoryGiB() + " GiB)"));
        }
        components.stream().filter(Component::isService)
                .filter(c -> 2 * applicationCacheMi > c.resources().memoryMi())
                .forEach(c -> problems.add("the in-process cache (" + applicationCacheMi + " Mi) takes more than half of "
                        + c.name() + "'s memory (" + c.resources().memoryLimit() + ")"));
        for (Edge e : edges) {
            Component from = byName.get(e.from());
            Component to = byName.get(e.to());
            if (from == null || to == null) {
                problems.add("edge " + e + " names an unknown component");
            } else if (to.ports().stream().noneMatch(p -> p.name().equals(e.port()))) {
                problems.add("edge " + e + ": " + to.name() + " has no port " + e.port());
            }
        }
        if (new HashSet<>(edges).size() != edges.size()) {
            problems.add("an edge is declared twice");
        }
        for (Component c : components) {
            if (c.isService() && edges.stream().noneMatch(e -> e.to().equals(c.name()))) {
                problems.add("service " + c.name() + " is unreachable: no edge leads to it");
            }
            // The CDN sits on the load balancer's backend: a component the load balancer does not reach has none.
            if (c.edgeCache() != EdgeCache.NONE
                    && !edges.contains(new Edge(Shop.INGRESS, c.name(), c.mainPort().name()))) {
                problems.add(c.name() + " is served through the " + c.edgeCache() + " but the load balancer ("
                        + Shop.INGRESS + ") does not reach its " + c.mainPort().name() + " port");
            }
        }
        int sumMin = pools.stream().mapToInt(NodePool::minNodes).sum();
        int sumMax = pools.stream().mapToInt(NodePool::maxNodes).sum();
        if (sumMin != minNodes || sumMax != maxNodes) {
            problems.add("node pools total " + sumMin + ".." + sumMax + " nodes, the cluster is bounded "
                    + minNodes + ".." + maxNodes);
        }
        if (zones < 1) {
            problems.add("zones must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("inconsistent platform model:\n  " + String.join("\n  ", problems));
        }
    }

    public static final class Builder {
        private Integer zones, minNodes, maxNodes, applicationCacheMi;
        private List<NodePool> nodePools = List.of();
        private List<Component> components = List.of();
        private List<Edge> edges = List.of();
        private List<CachePolicy> caches = List.of();
        private ConnectionPooling pooling;
        private Sla sla;
        private Alerting alerting;
        private DatabaseTargets database;
        private Canary canary;
        private BackupPolicy backups;
        private Traffic traffic;
        private Termination termination;

        private Builder() {}

        public Builder zones(int value) { zones = value; return this; }
        public Builder minNodes(int value) { minNodes = value; return this; }
        public Builder maxNodes(int value) { maxNodes = value; return this; }
        public Builder nodePools(NodePool... value) { nodePools = List.of(value); return this; }
        public Builder nodePools(List<NodePool> value) { nodePools = value; return this; }
        public Builder components(Component... value) { components = List.of(value); return this; }
        public Builder components(List<Component> value) { components = value; return this; }
        public Builder edges(List<Edge> value) { edges = value; return this; }
        public Builder pooling(ConnectionPooling value) { pooling = value; return this; }
        public Builder applicationCacheMi(int value) { applicationCacheMi = value; return this; }
        public Builder caches(CachePolicy... value) { caches = List.of(value); return this; }
        public Builder sla(Sla value) { sla = value; return this; }
        public Builder alerting(Alerting value) { alerting = value; return this; }
        public Builder database(DatabaseTargets value) { database = value; return this; }
        public Builder canary(Canary value) { canary = value; return this; }
        public Builder backups(BackupPolicy value) { backups = value; return this; }
        public Builder traffic(Traffic value) { traffic = value; return this; }
        public Builder termination(Termination value) { termination = value; return this; }

        public Platform build() {
            return new Platform(Checks.required(zones, "zones"), Checks.required(minNodes, "minimum nodes"),
                    Checks.required(maxNodes, "maximum nodes"), nodePools, components, edges, pooling,
                    Checks.required(applicationCacheMi, "application cache size"), caches, sla, alerting, database,
                    canary, backups, traffic, termination);
        }
    }
}
