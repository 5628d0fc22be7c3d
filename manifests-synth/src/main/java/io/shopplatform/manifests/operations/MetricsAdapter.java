package io.shopplatform.manifests.operations;

import io.shopplatform.monitoring.Queries;
import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Units;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.crd.Json;
import io.shopplatform.model.Autoscaling;
import io.shopplatform.model.Component;
import io.shopplatform.model.CustomMetric;
import io.shopplatform.manifests.network.Peers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.plus25.k8s.KubeConfigMap;
import org.cdk8s.plus25.k8s.KubeConfigMapProps;
import software.constructs.Construct;

/**
 * Rules for prometheus-adapter (installed by infra/ in the monitoring namespace, reading this ConfigMap), which
 * serves the HPAs' per-pod custom metrics from what the services export.
 */
public final class MetricsAdapter extends Construct {
    public static final String NAME = "prometheus-adapter-shop-rules";

    public record Rules(List<Rule> rules) {}

    public record Rule(String seriesQuery, Resources resources, Name name, String metricsQuery) {}

    public record Resources(Map<String, Map<String, String>> overrides) {}

    public record Name(String as) {}

    public MetricsAdapter(Construct scope, Target target) {
        super(scope, "metrics-adapter");
        List<Rule> rules = new ArrayList<>();
        for (Component s : target.platform().services()) {
            s.autoscaling().flatMap(Autoscaling::customMetric).ifPresent(m -> rules.add(rule(m)));
        }
        new KubeConfigMap(this, "rules", KubeConfigMapProps.builder()
                .metadata(Meta.meta(NAME, Peers.MONITORING_NAMESPACE, Meta.platformLabels(NAME)))
                .data(Map.of("config.yaml", Json.write(new Rules(rules))))
                .build());
    }

    /**
     * A request rate is computed from the request counter; a "below" ratio is served as its complement, so the
     * services export the natural ratio and the HPA still sees "above target means scale up".
     */
    private static Rule rule(CustomMetric m) {
        String series;
        String query;
        if (m.name().equals("requests_per_second")) {
            series = Queries.REQUESTS + "_count";
            query = "sum(rate(<<.Series>>{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)";
        } else {
            series = m.name();
            String value = m.warmUp().isZero() ? "<<.Series>>{<<.LabelMatchers>>}"
                    : "avg_over_time(<<.Series>>{<<.LabelMatchers>>}[" + Units.duration(m.warmUp()) + "])";
            query = (m.scaleUpWhen() == CustomMetric.ScaleUpWhen.BELOW ? "1 - " : "") + "avg(" + value + ") by (<<.GroupBy>>)";
            if (!m.warmUp().isZero()) {
                // Spring's process_uptime_seconds: pods still warming up have no value, so they ask for nothing.
                query = "(" + query + ") and on (namespace, pod) (max by (namespace, pod) (process_uptime_seconds"
                        + "{<<.LabelMatchers>>}) > " + m.warmUp().toSeconds() + ")";
            }
        }
        return new Rule(series + "{namespace!=\"\",pod!=\"\"}",
                new Resources(new TreeMap<>(Map.of("namespace", Map.of("resource", "namespace"),
                        "pod", Map.of("resource", "pod")))),
                new Name(m.hpaMetricName()), query);
    }
}
