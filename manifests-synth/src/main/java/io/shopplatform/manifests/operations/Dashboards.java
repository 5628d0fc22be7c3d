package io.shopplatform.manifests.operations;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.crd.Json;
import io.shopplatform.monitoring.DashboardPanels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus25.k8s.KubeConfigMap;
import org.cdk8s.plus25.k8s.KubeConfigMapProps;
import org.cdk8s.plus25.k8s.ObjectMeta;
import software.constructs.Construct;

/**
 * Grafana dashboards as code: monitoring's {@link DashboardPanels}, one ConfigMap per board, which Grafana's sidecar
 * loads (every ConfigMap labelled {@value #SIDECAR_LABEL}).
 */
public final class Dashboards extends Construct {
    public static final String SIDECAR_LABEL = "grafana_dashboard";

    public record Dashboard(String uid, String title, Integer schemaVersion, List<String> tags, Time time, List<Panel> panels) {}

    public record Time(String from, String to) {}

    public record Panel(Integer id, String type, String title, GridPos gridPos, List<Query> targets) {}

    public record GridPos(Integer h, Integer w, Integer x, Integer y) {}

    public record Query(String refId, String expr, String legendFormat) {}

    public Dashboards(Construct scope, Target target) {
        super(scope, "dashboards");
        DashboardPanels.of(target.namespace()).forEach(board -> dashboard(target, board));
    }

    private void dashboard(Target target, DashboardPanels.Board board) {
        String uid = board.title().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        List<Panel> panels = new ArrayList<>();
        for (DashboardPanels.Panel p : board.panels()) {
            int i = panels.size();
            panels.add(new Panel(i + 1, "timeseries", p.title(), new GridPos(8, 12, (i % 2) * 12, (i / 2) * 8),
                    List.of(new Query("A", p.expr(), ""))));
        }
        Dashboard d = new Dashboard(uid, board.title(), 39, List.of("shop-platform"), new Time("now-6h", "now"), panels);
        Map<String, String> labels = new LinkedHashMap<>(Meta.platformLabels(uid));
        labels.put(SIDECAR_LABEL, "1");
        new KubeConfigMap(this, uid, KubeConfigMapProps.builder()
                .metadata(ObjectMeta.builder().name("dashboard-" + uid).namespace(target.namespace()).labels(labels).build())
                .data(Map.of(uid + ".json", Json.write(d)))
                .build());
    }
}
