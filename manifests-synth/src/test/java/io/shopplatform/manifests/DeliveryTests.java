package io.shopplatform.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.manifests.crd.Application;
import io.shopplatform.manifests.crd.ManagedCertificate;
import io.shopplatform.manifests.network.FrontDoor;
import io.shopplatform.manifests.operations.BootstrapChart;
import io.shopplatform.manifests.workloads.Placement;
import io.shopplatform.model.Environment;
import io.shopplatform.model.BackupBuckets;
import io.shopplatform.model.Shop;
import io.shopplatform.model.Site;
import io.shopplatform.model.StackFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** How the manifests reach the cluster, and where they land: the contracts with infra/. */
class DeliveryTests {

    @TestFactory
    Stream<DynamicNode> argoCdSyncsEverythingButItsOwnApplication() {
        return PerEnvironment.rule("Argo CD syncs every file but the bootstrap one, which holds only the namespace and "
                + "its Application", m -> {
            assertThat(m.documents()).filteredOn(d -> d.file().equals(BootstrapChart.FILE))
                    .extracting(Doc::kind).containsExactly("Namespace", Application.TYPE.kind());
            assertThat(m.documents()).filteredOn(d -> !d.file().equals(BootstrapChart.FILE))
                    .extracting(Doc::kind).doesNotContain(Application.TYPE.kind(), "Namespace");
            Doc application = m.get(Application.TYPE.kind(), m.env().namespace());
            assertThat(application.at("spec", "source", "directory", "exclude")).isEqualTo(BootstrapChart.FILE);
            assertThat(application.at("spec", "source", "path")).isEqualTo(m.env().id());
        });
    }

    @TestFactory
    Stream<DynamicNode> onlyDevelopmentSyncsItself() {
        return PerEnvironment.rule("development syncs itself; staging and production wait for a promotion", m ->
                assertThat(m.get(Application.TYPE.kind(), m.env().namespace()).at("spec", "syncPolicy", "automated"))
                        .as("automated sync").matches(automated -> (automated != null) == (m.env() == Environment.DEV)));
    }

    @TestFactory
    Stream<DynamicNode> eachEnvironmentSyncsTheRevisionItsStackFilePins() {
        return PerEnvironment.rule("the Application syncs the manifests commit Pulumi.<env>.yaml pins, else the branch", m ->
                assertThat(m.get(Application.TYPE.kind(), m.env().namespace()).at("spec", "source", "targetRevision"))
                        .isEqualTo(StackFile.text(m.env(), StackFile.MANIFESTS_REVISION).orElse(Delivery.GIT_REVISION)));
    }

    @TestFactory
    Stream<DynamicNode> theFrontDoorServesTheStackFilesDomainOnItsReservedAddress() {
        return PerEnvironment.rule("the Ingress names the environment's reserved address and a managed certificate for "
                + "the stack file's domain; no TLS Secret", m -> {
            Doc ingress = m.get("Ingress", Shop.STOREFRONT);
            assertThat(ingress.at("metadata", "annotations", FrontDoor.STATIC_ADDRESS)).isEqualTo(m.env().publicAddress());
            assertThat(ingress.at("metadata", "annotations", FrontDoor.MANAGED_CERTIFICATES)).isEqualTo(Shop.STOREFRONT);
            assertThat(ingress.at("spec", "tls")).isNull();
            assertThat(m.ofKind(ManagedCertificate.TYPE.kind())).hasSize(1);
            assertThat(m.get(ManagedCertificate.TYPE.kind(), Shop.STOREFRONT).at("spec", "domains"))
                    .isEqualTo(List.of(Site.load(m.env()).domain()));
        });
    }

    @TestFactory
    Stream<DynamicNode> podsArePinnedToTheStackFilesZones() {
        return PerEnvironment.rule("every zone the manifests pin pods to is a zone of Pulumi.<env>.yaml", m -> {
            List<Object> zones = new ArrayList<>();
            m.documents().forEach(d -> walk(d.body(), map -> {
                if (Placement.ZONE.equals(map.get("key")) && map.get("values") instanceof List<?> values) {
                    zones.addAll(values);
                }
            }));
            assertThat(zones).isNotEmpty().allMatch(Site.load(m.env()).zones()::contains);
        });
    }

    @TestFactory
    Stream<DynamicNode> backupsGoToTheBucketInfraNames() {
        return PerEnvironment.rule("the members archive WAL and the backup jobs write to the bucket named after the stack "
                + "file's project, under the path infra/ keeps out of its lifecycle rules", m -> {
            String bucket = Site.load(m.env()).backupBuckets().primary();
            Map<String, Object> members = m.get("ConfigMap", Shop.POSTGRES + "-config").map("data");
            Map<String, Object> jobs = m.get("ConfigMap", Shop.DB_BACKUP + "-config").map("data");
            for (String conf : List.of(members.get("pgbackrest.conf").toString(), jobs.get("backup-job.conf").toString())) {
                assertThat(conf).contains("repo1-type=gcs", "repo1-gcs-bucket=" + bucket, "repo1-gcs-key-type=auto",
                        "repo1-path=" + BackupBuckets.REPOSITORY_PATH);
            }
        });
    }

    @TestFactory
    Stream<DynamicNode> everyConfigMapReferencedIsSynthesized() {
        return PerEnvironment.rule("every referenced ConfigMap is synthesized beside its user; none is left to infra/", m -> {
            Set<String> synthesized = m.ofKind("ConfigMap").stream().map(d -> d.namespace() + "/" + d.name())
                    .collect(Collectors.toSet());
            List<String> referenced = new ArrayList<>();
            m.documents().forEach(d -> walk(d.body(), map -> Stream.of("configMap", "configMapRef", "configMapKeyRef")
                    .map(map::get).filter(ref -> ref instanceof Map<?, ?> r && r.get("name") != null)
                    .forEach(ref -> referenced.add(d.namespace() + "/" + ((Map<?, ?>) ref).get("name")))));
            // platform-infra: the ConfigMap the backup jobs once read the bucket name from, which nothing created.
            assertThat(referenced).isNotEmpty().noneMatch(ref -> ref.endsWith("/platform-infra"))
                    .allMatch(synthesized::contains);
        });
    }

    /** Calls {@code visit} on every map in a YAML tree. */
    private static void walk(Object node, Consumer<Map<?, ?>> visit) {
        if (node instanceof Map<?, ?> map) {
            visit.accept(map);
            map.values().forEach(v -> walk(v, visit));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> walk(v, visit));
        }
    }
}
