package io.shopplatform.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.manifests.crd.Application;
import io.shopplatform.manifests.operations.BootstrapChart;
import io.shopplatform.manifests.workloads.Placement;
import io.shopplatform.model.Environment;
import io.shopplatform.model.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** How the manifests reach the cluster, and where they land: the contracts with infra/. */
class DeliveryTests {

    @TestFactory
    Stream<DynamicNode> argoCdSyncsEverythingButItsOwnApplication() {
        return PerEnvironment.rule("Argo CD syncs every file but the bootstrap one, which holds only its Application", m -> {
            assertThat(m.documents()).filteredOn(d -> d.file().equals(BootstrapChart.FILE))
                    .extracting(Doc::kind).containsExactly(Application.TYPE.kind());
            assertThat(m.documents()).filteredOn(d -> !d.file().equals(BootstrapChart.FILE))
                    .extracting(Doc::kind).doesNotContain(Application.TYPE.kind());
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
    Stream<DynamicNode> podsArePinnedToTheStackFilesZones() {
        return PerEnvironment.rule("every zone the manifests pin pods to is a zone of Pulumi.<env>.yaml", m -> {
            List<Object> zones = new ArrayList<>();
            m.documents().forEach(d -> collectZones(d.body(), zones));
            assertThat(zones).isNotEmpty().allMatch(Site.load(m.env()).zones()::contains);
        });
    }

    /** The values of every node-affinity expression on the zone label. */
    private static void collectZones(Object node, List<Object> zones) {
        if (node instanceof Map<?, ?> map) {
            if (Placement.ZONE.equals(map.get("key")) && map.get("values") instanceof List<?> values) {
                zones.addAll(values);
            }
            map.values().forEach(v -> collectZones(v, zones));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectZones(v, zones));
        }
    }
}
