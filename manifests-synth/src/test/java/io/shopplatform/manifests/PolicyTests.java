package io.shopplatform.manifests;

import static io.shopplatform.manifests.PerEnvironment.each;
import static io.shopplatform.manifests.PerEnvironment.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.shopplatform.manifests.validation.Yaml;
import io.shopplatform.manifests.workloads.ServiceWorkload;
import io.shopplatform.model.Autoscaling;
import io.shopplatform.model.Component;
import io.shopplatform.model.Priority;
import io.shopplatform.model.Termination;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The platform's rules for every workload of every environment. */
class PolicyTests {

    @TestFactory
    Stream<DynamicNode> everyPodFollowsTheSeedsSecurityContext() {
        return each("every pod runs non-root, read-only, unprivileged, without capabilities, under RuntimeDefault seccomp",
                m -> m.workloads().stream(), (m, w) -> {
                    Map<String, Object> spec = w.podSpec();
                    assertThat(Doc.at(spec, "securityContext", "runAsNonRoot")).as("runAsNonRoot").isEqualTo(true);
                    assertThat(Doc.at(spec, "securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
                    for (Map<String, Object> c : w.containers()) {
                        String name = (String) c.get("name");
                        assertThat(Doc.at(c, "securityContext", "readOnlyRootFilesystem")).as(name).isEqualTo(true);
                        assertThat(Doc.at(c, "securityContext", "allowPrivilegeEscalation")).as(name).isEqualTo(false);
                        assertThat(Doc.at(c, "securityContext", "capabilities", "drop")).as(name).isEqualTo(List.of("ALL"));
                        assertThat(Doc.at(c, "securityContext", "capabilities", "add")).as(name).isNull();
                        assertThat(Doc.at(c, "securityContext", "privileged")).as(name).isNotEqualTo(true);
                        assertThat(mountedAt(spec, c, "/tmp")).as(name + " has an emptyDir at /tmp").isEqualTo("emptyDir");
                    }
                });
    }

    @TestFactory
    Stream<DynamicNode> everyContainerSetsRequestsAndLimits() {
        return each("every container requests and limits CPU and memory", m -> m.workloads().stream(), (m, w) -> {
            for (Map<String, Object> c : w.containers()) {
                for (String bound : List.of("requests", "limits")) {
                    assertThat(Doc.at(c, "resources", bound, "cpu")).as(c.get("name") + " " + bound + ".cpu").isNotNull();
                    assertThat(Doc.at(c, "resources", bound, "memory")).as(c.get("name") + " " + bound + ".memory").isNotNull();
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicNode> everyLongRunningContainerIsProbed() {
        return each("every long-running container has readiness and liveness probes",
                m -> m.workloads().stream().filter(w -> !w.runsToCompletion()), (m, w) -> {
                    for (Map<String, Object> c : Doc.list(w.podSpec(), "containers")) {
                        assertThat(c).as(c.get("name").toString()).containsKeys("readinessProbe", "livenessProbe");
                    }
                });
    }

    @TestFactory
    Stream<DynamicNode> servicesAreProbedOnTheActuatorHealthGroups() {
        return each("every service is probed on its actuator health groups",
                m -> m.target().platform().services().stream().map(s -> m.get("Deployment", s.name())), (m, d) -> {
                    Map<String, Object> c = Doc.list(d.podSpec(), "containers").get(0);
                    assertThat(Doc.at(c, "readinessProbe", "httpGet", "path")).isEqualTo(ServiceWorkload.READINESS);
                    assertThat(Doc.at(c, "livenessProbe", "httpGet", "path")).isEqualTo(ServiceWorkload.LIVENESS);
                    assertThat(Doc.at(c, "startupProbe", "httpGet", "path")).isEqualTo(ServiceWorkload.LIVENESS);
                    for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                        assertThat(Doc.at(c, probe, "httpGet", "port")).isEqualTo(Shop.MANAGEMENT.name());
                    }
                });
    }

    /** Defect: no preStop pause and the default grace period, so a stopping pod dropped requests still routed to it. */
    @TestFactory
    Stream<DynamicNode> servicesDrainBeforeTheyStop() {
        return each("every service serves on past the load balancer's deregistration, then Spring drains within a "
                        + "grace period longer than both (the model's Termination)",
                m -> m.target().platform().services().stream().map(s -> m.get("Deployment", s.name())), (m, d) -> {
                    Termination t = m.target().platform().termination();
                    Map<String, Object> c = Doc.list(d.podSpec(), "containers").get(0);
                    List<?> preStop = (List<?>) Doc.at(c, "lifecycle", "preStop", "exec", "command");
                    assertThat(preStop).as("preStop").hasSize(2).first().isEqualTo("sleep");
                    long pause = Long.parseLong(preStop.get(1).toString());
                    assertThat(pause).isEqualTo(t.preStopPause().toSeconds())
                            .isGreaterThan(t.loadBalancerDeregistration().toSeconds());
                    assertThat(Doc.list(c, "env")).as("Spring's shutdown timeout").contains(
                            Map.of("name", ServiceWorkload.SHUTDOWN_TIMEOUT, "value", t.shutdownTimeout().toSeconds() + "s"));
                    assertThat(((Number) Doc.at(d.podSpec(), "terminationGracePeriodSeconds")).longValue())
                            .isEqualTo(t.gracePeriod().toSeconds())
                            .isGreaterThan(pause + t.shutdownTimeout().toSeconds());
                });
    }

    @Test
    void springShutsDownGracefully() throws IOException {
        // The timeout above governs only a graceful shutdown: the services' shared defaults must ask for one.
        Map<String, Object> defaults = Yaml.documents(Files.readString(
                Path.of("..", "services", "shared", "src", "main", "resources", "shop-service-defaults.yml"))).get(0);
        assertThat(Doc.at(defaults, "server", "shutdown")).isEqualTo("graceful");
    }

    /** Defect: no PriorityClasses, so a burst of catalogue pods could preempt PostgreSQL or payment. */
    @TestFactory
    Stream<DynamicNode> theDataTierAndPaymentArePreemptedLast() {
        return rule("every pod names its component's PriorityClass; the data tier's and payment's outrank every other", m -> {
            for (Priority p : Priority.values()) {
                Doc pc = m.get("PriorityClass", p.className());
                assertThat(((Number) pc.at("value")).intValue()).isEqualTo(p.value());
                assertThat(pc.at("globalDefault")).isEqualTo(false);
            }
            int lowestCritical = Integer.MAX_VALUE, highestOther = Integer.MIN_VALUE;
            for (Doc w : m.workloads()) {
                String component = ((Map<?, ?>) Doc.at(w.podTemplate().orElseThrow(), "metadata", "labels")).get(Meta.NAME).toString();
                String className = (String) Doc.at(w.podSpec(), "priorityClassName");
                assertThat(className).as(w.toString()).isEqualTo(m.target().platform().component(component).priority().className());
                int value = ((Number) m.get("PriorityClass", className).at("value")).intValue();
                Component c = m.target().platform().component(component);
                boolean dataTierOrPayment = !c.isService() && !w.runsToCompletion() || component.equals(Shop.PAYMENT);
                if (dataTierOrPayment) {
                    lowestCritical = Math.min(lowestCritical, value);
                } else {
                    highestOther = Math.max(highestOther, value);
                }
            }
            assertThat(lowestCritical).isGreaterThan(highestOther);
            assertThat(m.get("PriorityClass", Priority.BATCH.className()).at("preemptionPolicy")).isEqualTo("Never");
        });
    }

    /** Defect: PostgreSQL ran Burstable (CPU limit above its request, a Burstable exporter beside it). */
    @TestFactory
    Stream<DynamicNode> postgresIsInTheGuaranteedQosClass() {
        return each("every container of every PostgreSQL member pod, the exporter and backup server included, is "
                        + "limited at its request (Guaranteed QoS)",
                m -> m.workloads().stream().filter(w -> w.kind().equals("StatefulSet")
                        && Shop.POSTGRES.equals(((Map<?, ?>) Doc.at(w.podTemplate().orElseThrow(), "metadata", "labels")).get(Meta.NAME))),
                (m, w) -> {
                    assertThat(w.containers()).hasSizeGreaterThanOrEqualTo(3);
                    for (Map<String, Object> c : w.containers()) {
                        for (String resource : List.of("cpu", "memory")) {
                            assertThat(Doc.at(c, "resources", "limits", resource)).as(c.get("name") + " " + resource)
                                    .isNotNull().isEqualTo(Doc.at(c, "resources", "requests", resource));
                        }
                    }
                });
    }

    @TestFactory
    Stream<DynamicNode> everyImageIsPinned() {
        return each("every image is pinned to a version", m -> m.workloads().stream(), (m, w) -> {
            for (Map<String, Object> c : w.containers()) {
                String image = (String) c.get("image");
                String tag = image.substring(image.lastIndexOf('/') + 1);
                assertThat(tag).as(image).contains(":").doesNotEndWith(":latest");
            }
        });
    }

    @TestFactory
    Stream<DynamicNode> everyObjectIsLabelled() {
        return each("every object carries the app.kubernetes.io labels", m -> m.documents().stream(), (m, d) -> {
            assertThat(d.labels()).containsKeys(Meta.NAME, Meta.PART_OF, Meta.MANAGED_BY);
            assertThat(d.labels().get(Meta.PART_OF)).isEqualTo(Meta.PLATFORM);
            d.podTemplate().ifPresent(t -> assertThat(((Map<?, ?>) Doc.at(t, "metadata", "labels")).keySet())
                    .extracting(Object::toString)
                    .contains(Meta.NAME, Meta.INSTANCE, Meta.COMPONENT, Meta.VERSION, Meta.PART_OF));
        });
    }

    @TestFactory
    Stream<DynamicNode> everyDeploymentHasADisruptionBudgetAndAnAutoscaler() {
        return each("every Deployment has a PDB, and an HPA unless its size is fixed on purpose",
                m -> m.ofKind("Deployment").stream(), (m, d) -> {
                    Map<?, ?> pods = (Map<?, ?>) Doc.at(d.podTemplate().orElseThrow(), "metadata", "labels");
                    assertThat(m.ofKind("PodDisruptionBudget")).as("a PDB selecting its pods")
                            .anyMatch(pdb -> pods.entrySet().containsAll(pdb.map("spec", "selector", "matchLabels").entrySet()));
                    boolean service = m.target().platform().component(d.name()).isService();
                    if (service) {
                        assertThat(m.ofKind("HorizontalPodAutoscaler")).as("an HPA scaling it")
                                .anyMatch(hpa -> scales(m, hpa, d));
                        assertThat(d.map("spec")).as("the HPA owns the replica count").doesNotContainKey("replicas");
                    } else {
                        assertThat(d.map("spec")).as("a fixed size").containsKey("replicas");
                    }
                });
    }

    @TestFactory
    Stream<DynamicNode> autoscalersMatchTheSeedsTable() {
        return each("HPA numbers equal the seed's table, sized for the environment",
                m -> m.target().platform().services().stream(), (m, service) -> {
                    Autoscaling a = m.target().scaling(service);
                    Doc hpa = m.get("HorizontalPodAutoscaler", service.name());
                    assertThat(hpa.apiVersion()).isEqualTo("autoscaling/v2");
                    assertThat(hpa.at("spec", "minReplicas")).isEqualTo(a.minReplicas());
                    assertThat(hpa.at("spec", "maxReplicas")).isEqualTo(a.maxReplicas());
                    assertThat(utilization(hpa, "cpu")).isEqualTo(a.cpuTargetPercent());
                    assertThat(utilization(hpa, "memory")).isEqualTo(a.memoryTargetPercent().orElse(null));
                    assertThat(policy(hpa, "scaleUp")).containsEntry("type", "Percent")
                            .containsEntry("value", a.scaleUp().percent())
                            .containsEntry("periodSeconds", (int) a.scaleUp().period().toSeconds());
                    assertThat(policy(hpa, "scaleDown")).containsEntry("type", "Percent")
                            .containsEntry("value", a.scaleDown().percent())
                            .containsEntry("periodSeconds", (int) a.scaleDown().period().toSeconds());
                    List<Map<String, Object>> custom = hpa.list("spec", "metrics").stream()
                            .filter(metric -> "Pods".equals(metric.get("type"))).toList();
                    assertThat(custom).hasSize(a.customMetric().isPresent() ? 1 : 0);
                    a.customMetric().ifPresent(cm -> {
                        assertThat(Doc.at(custom.get(0), "pods", "metric", "name")).isEqualTo(cm.hpaMetricName());
                        assertThat(Units.quantity(cm.hpaTarget()))
                                .isEqualTo(Doc.at(custom.get(0), "pods", "target", "averageValue"));
                    });
                });
    }

    @TestFactory
    Stream<DynamicNode> prodRunsTheSeedsSizes() {
        // Production only: the other environments are sized down on purpose (Environment.scale).
        return Stream.of(dynamicTest("prod runs the seed's sizes", () -> {
            Manifests m = Manifests.of(io.shopplatform.model.Environment.PROD);
            for (Component s : m.target().platform().services()) {
                Doc hpa = m.get("HorizontalPodAutoscaler", s.name());
                assertThat(hpa.at("spec", "minReplicas")).isEqualTo(s.autoscaling().orElseThrow().minReplicas());
                assertThat(hpa.at("spec", "maxReplicas")).isEqualTo(s.autoscaling().orElseThrow().maxReplicas());
            }
            assertThat(m.ofKind("StatefulSet").stream().filter(s -> s.labels().get(Meta.NAME).equals(Shop.POSTGRES))
                    .mapToInt(s -> (Integer) s.at("spec", "replicas")).sum())
                    .isEqualTo(m.target().platform().component(Shop.POSTGRES).replicas());
            for (String cache : List.of(Shop.REDIS, Shop.MEMCACHED)) {
                assertThat(m.get("StatefulSet", cache).at("spec", "replicas"))
                        .isEqualTo(m.target().platform().component(cache).replicas());
            }
        }));
    }

    @TestFactory
    Stream<DynamicNode> paymentRunsOnItsDedicatedNodes() {
        return rule("payment runs only on its tainted pool", m -> {
            Map<String, Object> spec = m.get("Deployment", Shop.PAYMENT).podSpec();
            var pool = m.target().platform().nodePool(Shop.PAYMENT_POOL);
            var taint = pool.taint().orElseThrow();
            assertThat(Doc.list(spec, "tolerations")).containsExactly(Map.of(
                    "key", taint.key(), "operator", "Equal", "value", taint.value(), "effect", io.shopplatform.model.Taint.EFFECT));
            List<Map<String, Object>> terms = Doc.list(spec, "affinity", "nodeAffinity",
                    "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
            assertThat(Doc.list(terms.get(0), "matchExpressions")).contains(Map.of(
                    "key", io.shopplatform.model.NodePool.LABEL, "operator", "In", "values", List.of(pool.name())));
            assertThat(m.ofKind("Deployment").stream().filter(d -> !d.name().equals(Shop.PAYMENT)))
                    .as("nothing else tolerates the payment pool's taint")
                    .noneMatch(d -> Doc.list(d.podSpec(), "tolerations").stream()
                            .anyMatch(t -> taint.value().equals(t.get("value"))));
        });
    }

    @TestFactory
    Stream<DynamicNode> podsSpreadOverTheZones() {
        return each("every spread workload spreads over the zones and keeps its pods apart",
                m -> m.workloads().stream().filter(w -> !w.runsToCompletion())
                        .filter(w -> !w.name().startsWith(Shop.POSTGRES)), (m, w) -> {
                    Map<String, Object> spec = w.podSpec();
                    assertThat(Doc.list(spec, "topologySpreadConstraints"))
                            .anyMatch(c -> "topology.kubernetes.io/zone".equals(c.get("topologyKey")));
                    assertThat(Doc.list(spec, "affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution"))
                            .extracting(t -> Doc.at(t, "podAffinityTerm", "topologyKey"))
                            .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
                });
    }

    @TestFactory
    Stream<DynamicNode> postgresMembersArePinnedToZonesOfTheDbPool() {
        return rule("each PostgreSQL member is pinned to a zone of the db pool, replicas in distinct zones", m -> {
            List<Doc> members = m.ofKind("StatefulSet").stream()
                    .filter(s -> Shop.POSTGRES.equals(s.labels().get(Meta.NAME))).toList();
            assertThat(members).hasSize(m.target().instances(m.target().platform().component(Shop.POSTGRES)));
            List<Object> zones = members.stream().map(s -> Doc.list(Doc.list(s.podSpec(), "affinity", "nodeAffinity",
                            "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms").get(0), "matchExpressions"))
                    .map(exprs -> exprs.stream().filter(e -> "topology.kubernetes.io/zone".equals(e.get("key")))
                            .findFirst().orElseThrow().get("values"))
                    .toList();
            int zonesUsed = (int) zones.stream().distinct().count();
            assertThat(zonesUsed).isEqualTo(Math.min(members.size(), m.target().platform().zones()));
            for (Doc s : members) {
                assertThat(Doc.list(s.map("spec"), "volumeClaimTemplates")).singleElement()
                        .extracting(c -> Doc.at(c, "spec", "storageClassName")).isEqualTo("fast-ssd");
            }
        });
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicNode> noWorkloadGetsAnApiTokenOrClusterPermissions() {
        return rule("no workload mounts an API token or holds cluster-wide permissions", m -> {
            assertThat(m.ofKind("ServiceAccount")).allMatch(sa -> Boolean.FALSE.equals(sa.at("automountServiceAccountToken")));
            assertThat(m.workloads()).allMatch(w -> Boolean.FALSE.equals(w.podSpec().get("automountServiceAccountToken")));
            assertThat(m.workloads()).extracting(w -> (String) w.podSpec().get("serviceAccountName"))
                    .allMatch(sa -> m.find("ServiceAccount", sa).isPresent()).doesNotContain("default");
            assertThat(m.documents()).extracting(Doc::kind).doesNotContain("ClusterRole", "ClusterRoleBinding");
            for (Doc role : m.ofKind("Role")) {
                assertThat(role.list("rules")).flatExtracting(r -> (List<Object>) r.get("verbs"))
                        .as("roles only read").containsOnly("get", "list", "watch");
            }
        });
    }

    @TestFactory
    Stream<DynamicNode> secretsAreReferencedNeverInlined() {
        return rule("secrets are referenced, never inlined", m -> {
            assertThat(m.documents()).extracting(Doc::kind).doesNotContain("Secret");
            for (Doc w : m.workloads()) {
                for (Map<String, Object> c : w.containers()) {
                    assertThat(Doc.list(c, "env")).filteredOn(e -> e.get("name").toString().matches(".*(PASSWORD|PASS|SECRET|TOKEN)"))
                            .allMatch(e -> e.get("value") == null && Doc.at(e, "valueFrom", "secretKeyRef") != null);
                }
            }
        });
    }

    private static boolean scales(Manifests m, Doc hpa, Doc deployment) {
        Map<String, Object> ref = hpa.map("spec", "scaleTargetRef");
        if ("Deployment".equals(ref.get("kind"))) {
            return deployment.name().equals(ref.get("name"));
        }
        // A canary Rollout runs the Deployment's pods: scaling it scales them.
        return "Rollout".equals(ref.get("kind")) && m.find("Rollout", (String) ref.get("name"))
                .map(r -> deployment.name().equals(r.at("spec", "workloadRef", "name"))).orElse(false);
    }

    private static Object utilization(Doc hpa, String resource) {
        return hpa.list("spec", "metrics").stream()
                .filter(metric -> "Resource".equals(metric.get("type")) && resource.equals(Doc.at(metric, "resource", "name")))
                .map(metric -> Doc.at(metric, "resource", "target", "averageUtilization"))
                .findFirst().orElse(null);
    }

    private static Map<String, Object> policy(Doc hpa, String direction) {
        return Doc.list(hpa.map("spec", "behavior", direction), "policies").get(0);
    }

    /** The kind of volume mounted at {@code path} in container {@code c}, or null. */
    private static String mountedAt(Map<String, Object> spec, Map<String, Object> c, String path) {
        return Doc.list(c, "volumeMounts").stream().filter(v -> path.equals(v.get("mountPath")))
                .map(v -> Doc.list(spec, "volumes").stream().filter(vol -> vol.get("name").equals(v.get("name")))
                        .findFirst().orElseThrow())
                .map(vol -> vol.keySet().stream().filter(k -> !k.equals("name")).findFirst().orElse(null))
                .filter(Objects::nonNull).findFirst().orElse(null);
    }
}
