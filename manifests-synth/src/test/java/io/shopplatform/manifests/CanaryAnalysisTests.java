package io.shopplatform.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.manifests.crd.AnalysisTemplate;
import io.shopplatform.manifests.crd.PrometheusRule;
import io.shopplatform.manifests.crd.Rollout;
import io.shopplatform.manifests.operations.Alerts;
import io.shopplatform.manifests.operations.CanaryAnalysis;
import io.shopplatform.monitoring.Queries;
import io.shopplatform.model.Component;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The canary analysis judges the canary: its pods only, a quiet canary passes rather than erroring, and the alerts
 * it counts carry the label it selects them by. Each rule names the defect it guards against.
 */
class CanaryAnalysisTests {

    /** Defect: the queries aggregated stable and canary pods, so a 10 % canary's errors were diluted tenfold. */
    @TestFactory
    Stream<DynamicNode> theAnalysisMeasuresTheCanarysPodsOnly() {
        return PerEnvironment.rule("error rate and p95 select the canary ReplicaSet's pods, whose hash every Rollout "
                + "passes and every service's series carry", m -> {
            if (m.ofKind(Rollout.TYPE.kind()).isEmpty()) {
                assertThat(m.find(AnalysisTemplate.TYPE.kind(), CanaryAnalysis.NAME)).as("no canary, no analysis").isEmpty();
                return;
            }
            String hash = Queries.POD_TEMPLATE_HASH + "=\"{{args." + CanaryAnalysis.CANARY_HASH_ARG + "}}\"";
            for (String metric : List.of("error-rate", "p95-latency")) {
                // Every selector of the series (numerator and denominator alike) names the canary's hash.
                Matcher selectors = Pattern.compile("http_server_requests_seconds_\\w+\\{(.*?)}\\[").matcher(query(m, metric));
                int found = 0;
                while (selectors.find()) {
                    assertThat(selectors.group(1)).as(metric).contains(hash);
                    found++;
                }
                assertThat(found).as(metric + " selectors").isPositive();
            }
            for (Doc rollout : m.ofKind(Rollout.TYPE.kind())) {
                assertThat(rollout.list("spec", "strategy", "canary", "analysis", "args")).as(rollout.name())
                        .contains(Map.of("name", CanaryAnalysis.CANARY_HASH_ARG, "valueFrom", Map.of("podTemplateHashValue", "Latest")));
            }
            for (Component s : m.target().platform().services()) {
                assertThat(m.get("ServiceMonitor", s.name()).at("spec", "podTargetLabels")).as(s.name())
                        .isEqualTo(List.of(Queries.POD_TEMPLATE_HASH_LABEL));
            }
        });
    }

    /** Defect: on a quiet service the queries returned nothing (or NaN), and the analysis errored instead of passing. */
    @TestFactory
    Stream<DynamicNode> aQuietCanaryMeasuresZero() {
        return PerEnvironment.rule("each measurement is 0, not empty or NaN, when nothing was requested", m -> {
            if (m.find(AnalysisTemplate.TYPE.kind(), CanaryAnalysis.NAME).isEmpty()) {
                return;
            }
            for (String metric : List.of("error-rate", "p95-latency", "critical-alerts")) {
                assertThat(query(m, metric)).as(metric).endsWith(" or vector(0)");
            }
            assertThat(query(m, "error-rate")).as("a zero request rate is filtered, not divided by").contains("[2m])) > 0)");
            assertThat(query(m, "p95-latency")).as("NaN is filtered").contains(") >= 0)");
        });
    }

    /** Defect: critical-alerts filtered on a namespace label that the alert rules aggregated away. */
    @TestFactory
    Stream<DynamicNode> everyAlertCarriesTheLabelsTheAnalysisSelectsBy() {
        return PerEnvironment.rule("every alert rule labels its alerts with the environment's namespace and a severity, "
                + "the two labels critical-alerts selects", m -> {
            List<Map<String, Object>> rules = m.get(PrometheusRule.TYPE.kind(), Alerts.NAME).list("spec", "groups").stream()
                    .flatMap(g -> Doc.list(g, "rules").stream()).toList();
            assertThat(rules).isNotEmpty().allSatisfy(r -> assertThat(Doc.at(r, "labels"))
                    .as(r.get("alert").toString()).isEqualTo(Map.of(Alerts.NAMESPACE, m.target().namespace(),
                            "severity", Doc.at(r, "labels", "severity"))));
            if (m.find(AnalysisTemplate.TYPE.kind(), CanaryAnalysis.NAME).isPresent()) {
                assertThat(query(m, "critical-alerts")).contains("severity=\"" + Alerts.CRITICAL + "\"",
                        Alerts.NAMESPACE + "=\"" + m.target().namespace() + "\"");
            }
        });
    }

    private static String query(Manifests m, String metric) {
        return m.get(AnalysisTemplate.TYPE.kind(), CanaryAnalysis.NAME).list("spec", "metrics").stream()
                .filter(x -> metric.equals(x.get("name"))).findFirst()
                .map(x -> Doc.at(x, "provider", "prometheus", "query").toString()).orElseThrow();
    }
}
