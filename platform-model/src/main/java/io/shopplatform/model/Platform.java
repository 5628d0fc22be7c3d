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
        Thresholds thresholds,
        Canary canary,
        BackupPolicy backups,
        List<LoadProfile> loadProfiles) {

    public Platform {
        nodePools = List.copyOf(nodePools);
        components = List.copyOf(components);
        edges = List.copyOf(edges);
        caches = List.copyOf(caches);
        loadProfiles = List.copyOf(loadProfiles);
        validate(zones, minNodes, maxNodes, nodePools, components, edges);
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
        return loadProfiles.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no load profile named " + name));
    }

    public CachePolicy cache(String data) {
        return caches.stream().filter(c -> c.data().equals(data)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cache policy for " + data));
    }

    private static void validate(int zones, int minNodes, int maxNodes, List<NodePool> pools,
                                 List<Component> components, List<Edge> edges) {
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
        }
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
}
