package io.shopplatform.manifests;

import static io.shopplatform.manifests.PerEnvironment.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.manifests.crd.BackendConfig;
import io.shopplatform.manifests.network.FrontDoor;
import io.shopplatform.manifests.network.NetworkChart;
import io.shopplatform.manifests.network.Peers;
import io.shopplatform.manifests.operations.GitOps;
import io.shopplatform.model.Component;
import io.shopplatform.model.Edge;
import io.shopplatform.model.EdgeCache;
import io.shopplatform.model.Kind;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Zero trust, read back from the policies themselves: which pods each policy opens, from whom, on which port,
 * mapped back to components of the model. The result must be the model's edges, no more and no less.
 */
class NetworkTests {
    private static final String INTERNET = "(internet)";
    /** GKE's Service annotation naming the BackendConfig of its load balancer backend. */
    private static final String BACKEND_CONFIG = "cloud.google.com/backend-config";

    @TestFactory
    Stream<DynamicNode> everyNamespaceDeniesByDefault() {
        return rule("every namespace denies all traffic by default", m -> {
            List<Doc> namespaces = m.ofKind("Namespace");
            assertThat(namespaces).extracting(Doc::name).containsExactly(m.env().namespace());
            for (Doc ns : namespaces) {
                Doc deny = m.get("NetworkPolicy", NetworkChart.DEFAULT_DENY);
                assertThat(deny.namespace()).isEqualTo(ns.name());
                assertThat(deny.map("spec", "podSelector")).isEmpty();
                assertThat(deny.at("spec", "policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
                assertThat(deny.map("spec")).doesNotContainKeys("ingress", "egress");
            }
            // Everything else lives in that namespace, or in the add-on namespaces infra/ installs.
            assertThat(m.documents()).extracting(Doc::namespace).filteredOn(n -> n != null)
                    .containsOnly(m.env().namespace(), Peers.MONITORING_NAMESPACE, GitOps.ARGOCD_NAMESPACE);
        });
    }

    @TestFactory
    Stream<DynamicNode> allowedEdgesAreExactlyTheModels() {
        return rule("the allowed network edges are exactly the model's", m -> {
            Platform platform = m.target().platform();
            Set<Edge> ingress = new HashSet<>();
            Set<Edge> egress = new HashSet<>();
            for (Doc p : edgePolicies(m)) {
                String selected = selected(p);
                for (Map<String, Object> rule : p.list("spec", "ingress")) {
                    for (String from : peers(Doc.list(rule, "from"))) {
                        ports(rule).forEach(port -> ingress.add(edge(platform, from, selected, port)));
                    }
                }
                for (Map<String, Object> rule : p.list("spec", "egress")) {
                    for (String to : peers(Doc.list(rule, "to"))) {
                        ports(rule).forEach(port -> egress.add(to.equals(INTERNET)
                                ? internetEdge(platform, selected, port) : edge(platform, selected, to, port)));
                    }
                }
            }
            Set<Edge> allowed = new HashSet<>(ingress);
            allowed.addAll(egress);
            assertThat(allowed).containsExactlyInAnyOrderElementsOf(platform.edges());
            // Both ends of an edge between our own pods must open it, or the connection is dropped.
            for (Edge e : platform.edges()) {
                if (platform.component(e.to()).kind() != Kind.EXTERNAL) {
                    assertThat(ingress).as("ingress for " + e).contains(e);
                }
                if (platform.component(e.from()).kind() != Kind.EXTERNAL) {
                    assertThat(egress).as("egress for " + e).contains(e);
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicNode> nameResolutionAndCredentialsAreTheOnlyOtherTraffic() {
        return rule("besides the edges, pods may only resolve names, and callers of Google APIs fetch credentials", m -> {
            Doc dns = m.get("NetworkPolicy", NetworkChart.DNS);
            assertThat(dns.at("spec", "policyTypes")).isEqualTo(List.of("Egress"));
            assertThat(dns.list("spec", "egress")).flatExtracting(r -> Doc.list(r, "ports"))
                    .extracting(p -> p.get("port")).containsOnly(53);
            List<Doc> metadata = m.ofKind("NetworkPolicy").stream()
                    .filter(p -> p.name().startsWith(NetworkChart.METADATA)).toList();
            assertThat(metadata).extracting(NetworkTests::selected).containsExactlyInAnyOrderElementsOf(
                    m.target().platform().edgesTo(Shop.CLOUD_STORAGE).stream().map(Edge::from).toList());
            assertThat(metadata).flatExtracting(p -> p.list("spec", "egress")).flatExtracting(r -> Doc.list(r, "to"))
                    .extracting(peer -> (String) Doc.at(peer, "ipBlock", "cidr")).allMatch(c -> c.startsWith("169.254."));
        });
    }

    @TestFactory
    Stream<DynamicNode> theFrontDoorIsTheStorefrontAndTheGatewaysApi() {
        return rule("one Ingress: the storefront's pages by default, the public API's prefix to the gateway, each "
                + "through its Service's port 80 and health-checked on the port its edge opens", m -> {
            assertThat(m.target().platform().edgesFrom(Shop.INGRESS)).extracting(Edge::to)
                    .containsExactlyInAnyOrder(Shop.GATEWAY, Shop.STOREFRONT);
            for (Edge edge : m.target().platform().edgesFrom(Shop.INGRESS)) {
                Doc service = m.get("Service", edge.to());
                assertThat(service.list("spec", "ports")).filteredOn(p -> "http".equals(p.get("name")))
                        .singleElement().satisfies(p -> {
                            assertThat(p.get("port")).isEqualTo(FrontDoor.HTTP);
                            assertThat(p.get("targetPort")).isEqualTo("http");
                        });
                assertThat(m.get("BackendConfig", edge.to()).at("spec", "healthCheck", "port"))
                        .isEqualTo(m.target().platform().component(edge.to()).port(edge.port()).number());
            }
            assertThat(m.ofKind("Ingress")).hasSize(1);
            Doc ingress = m.get("Ingress", Shop.STOREFRONT);
            assertThat(ingress.at("spec", "defaultBackend", "service", "name")).isEqualTo(Shop.STOREFRONT);
            assertThat(ingress.at("spec", "defaultBackend", "service", "port", "number")).isEqualTo(FrontDoor.HTTP);
            Map<String, Object> api = ingress.list("spec", "rules").get(0);
            assertThat(Doc.at(api, "http", "paths").toString()).contains("path=" + Shop.PUBLIC_API.prefix() + "/*",
                    "name=" + Shop.GATEWAY, "number=" + FrontDoor.HTTP);
        });
    }

    @TestFactory
    Stream<DynamicNode> theCdnServesTheBackendsTheModelPutsBehindItAndNoOther() {
        return rule("Cloud CDN on the backend of each component the model serves through it (the storefront): it keeps "
                + "what the answers mark public, keyed on host, scheme, path and query, never a cookie; each public "
                + "Service names its BackendConfig; the API's backend is not cached", m -> {
            Platform platform = m.target().platform();
            for (Edge edge : platform.edgesFrom(Shop.INGRESS)) {
                Component component = platform.component(edge.to());
                Doc config = m.get("BackendConfig", component.name());
                assertThat(m.get("Service", component.name()).map("metadata", "annotations"))
                        .containsEntry(BACKEND_CONFIG, "{\"default\": \"" + config.name() + "\"}");
                if (component.edgeCache() == EdgeCache.NONE) {
                    assertThat(config.map("spec")).as(component.name()).doesNotContainKey("cdn");
                    continue;
                }
                assertThat(config.map("spec", "cdn")).containsEntry("enabled", true)
                        .containsEntry("cacheMode", BackendConfig.USE_ORIGIN_HEADERS);
                assertThat(config.map("spec", "cdn", "cachePolicy")).containsOnly(Map.entry("includeHost", true),
                        Map.entry("includeProtocol", true), Map.entry("includeQueryString", true));
            }
            assertThat(m.ofKind("BackendConfig")).filteredOn(d -> d.at("spec", "cdn") != null).extracting(Doc::name)
                    .containsExactly(Shop.STOREFRONT);
        });
    }

    private static List<Doc> edgePolicies(Manifests m) {
        return m.ofKind("NetworkPolicy").stream()
                .filter(p -> !p.name().equals(NetworkChart.DEFAULT_DENY) && !p.name().equals(NetworkChart.DNS)
                        && !p.name().startsWith(NetworkChart.METADATA)).toList();
    }

    private static String selected(Doc policy) {
        Map<String, Object> labels = policy.map("spec", "podSelector", "matchLabels");
        assertThat(labels).as(policy.name() + " selects one component's pods").containsKey(Meta.NAME);
        return (String) labels.get(Meta.NAME);
    }

    /** The model component each peer stands for. */
    @SuppressWarnings("unchecked")
    private static List<String> peers(List<Map<String, Object>> peers) {
        Set<String> components = new java.util.LinkedHashSet<>();
        for (Map<String, Object> peer : peers) {
            if (peer.containsKey("podSelector")) {
                assertThat(peer).as("pods of our own namespace only").doesNotContainKey("namespaceSelector");
                components.add((String) Doc.at(peer, "podSelector", "matchLabels", Meta.NAME));
            } else if (peer.containsKey("namespaceSelector")) {
                assertThat(Doc.at(peer, "namespaceSelector", "matchLabels", Peers.NAMESPACE_LABEL))
                        .isEqualTo(Peers.MONITORING_NAMESPACE);
                components.add(Shop.MONITORING);
            } else if (FrontDoor.GOOGLE_LOAD_BALANCERS.contains((String) Doc.at(peer, "ipBlock", "cidr"))) {
                components.add(Shop.INGRESS);
            } else {
                assertThat(Doc.at(peer, "ipBlock", "cidr")).isEqualTo("0.0.0.0/0");
                assertThat((List<Object>) Doc.at(peer, "ipBlock", "except")).as("the internet, not the VPC")
                        .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
                components.add(INTERNET);
            }
        }
        return List.copyOf(components);
    }

    private static List<Integer> ports(Map<String, Object> rule) {
        List<Map<String, Object>> ports = Doc.list(rule, "ports");
        assertThat(ports).as("every rule names its ports").isNotEmpty();
        return ports.stream().map(p -> (Integer) p.get("port")).toList();
    }

    /**
     * Internet destinations are not told apart by address: the edge is to whichever external party of the model
     * listens on that port and is called by {@code from}; with none, to the first such party, which the model lacks.
     */
    private static Edge internetEdge(Platform platform, String from, int port) {
        List<Edge> candidates = platform.components().stream()
                .filter(c -> c.kind() == Kind.EXTERNAL && c.ports().stream().anyMatch(p -> p.number() == port))
                .map(c -> edge(platform, from, c.name(), port)).toList();
        assertThat(candidates).as("an external party listens on " + port).isNotEmpty();
        return candidates.stream().filter(platform.edges()::contains).findFirst().orElse(candidates.get(0));
    }

    private static Edge edge(Platform platform, String from, String to, int port) {
        Component callee = platform.component(to);
        String name = callee.ports().stream().filter(p -> p.number() == port).findFirst()
                .orElseThrow(() -> new AssertionError(to + " does not listen on " + port)).name();
        return new Edge(from, to, name);
    }
}
