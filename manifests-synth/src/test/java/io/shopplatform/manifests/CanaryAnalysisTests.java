package io.shopplatform.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.manifests.crd.AnalysisTemplate;
import io.shopplatform.manifests.crd.PrometheusRule;
import io.shopplatform.manifests.crd.Rollout;
import io.shopplatform.manifests.operations.Alerts;
import io.shopplatform.manifests.operations.CanaryAnalysis;
import io.shopplatform.model.Component;
import io.shopplatform.monitoring.Promtool;
import io.shopplatform.monitoring.Queries;
import io.shopplatform.monitoring.Yamls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
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

    /** The service and pod-template hashes of the evaluated series. */
    private static final String SERVICE = "product", STABLE = "stable-hash", CANARY = "canary-hash", QUIET = "quiet-hash";

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
                assertThat(query(m, metric)).as(metric).endsWith(" or on() vector(0)");
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

    /**
     * Defects above, checked by Prometheus itself ({@code promtool test rules}, series in, values out) on the queries
     * exactly as Argo sends them (arguments filled in): beside stable pods that never fail and answer in 95 ms, a
     * canary failing a tenth of its requests measures 0.1 (the pooled rate would be 0.01) and its p95 0.48 s (pooled
     * 0.3 s); a canary hash with no series measures 0, and a measured canary only its measurement (defect: {@code or vector(0)}
     * added a 0 beside it, which {@code result[0]} could read); only firing critical alerts of this namespace count.
     */
    @TestFactory
    Stream<DynamicNode> prometheusMeasuresTheCanaryAsTheAnalysisMeans() {
        return PerEnvironment.rule("promtool evaluates error rate, p95 and critical alerts on series of stable and "
                + "canary pods to the canary's own values", m -> {
            if (m.find(AnalysisTemplate.TYPE.kind(), CanaryAnalysis.NAME).isEmpty()) {
                return;
            }
            String ns = m.target().namespace();
            String requests = "http_server_requests_seconds";
            List<Map<String, Object>> series = new ArrayList<>();
            // Per minute: stable 540 requests, all under 0.1 s; the canary 60, 6 of them 500s, all 0.1-0.5 s.
            BiFunction<String, String, String> pod = (hash, extra) -> "namespace=\"" + ns + "\",service=\"" + SERVICE
                    + "\"," + Queries.POD_TEMPLATE_HASH + "=\"" + hash + "\"" + extra;
            series.add(series(requests + "_count{" + pod.apply(STABLE, ",status=\"200\"") + "}", "0+540x10"));
            series.add(series(requests + "_count{" + pod.apply(CANARY, ",status=\"200\"") + "}", "0+54x10"));
            series.add(series(requests + "_count{" + pod.apply(CANARY, ",status=\"500\"") + "}", "0+6x10"));
            for (String le : List.of("0.1", "0.5", "+Inf")) {
                series.add(series(requests + "_bucket{" + pod.apply(STABLE, ",le=\"" + le + "\"") + "}", "0+540x10"));
                series.add(series(requests + "_bucket{" + pod.apply(CANARY, ",le=\"" + le + "\"") + "}",
                        le.equals("0.1") ? "0+0x10" : "0+60x10"));
            }
            // One critical alert firing here; a pending one, a warning, and another namespace's do not count.
            series.add(series(alert("PaymentServiceUnavailable", "firing", Alerts.CRITICAL, ns), "1x10"));
            series.add(series(alert("HighErrorRate", "pending", Alerts.CRITICAL, ns), "1x10"));
            series.add(series(alert("HighCpu", "firing", Alerts.WARNING, ns), "1x10"));
            series.add(series(alert("PaymentServiceUnavailable", "firing", Alerts.CRITICAL, ns + "-other"), "1x10"));
            List<Map<String, Object>> expected = List.of(
                    expect(argo(query(m, "error-rate"), CANARY), "{service=\"" + SERVICE + "\"}", 0.1),
                    expect(argo(query(m, "error-rate"), QUIET), "{}", 0),
                    expect(argo(query(m, "p95-latency"), CANARY), "{service=\"" + SERVICE + "\"}", 0.48),
                    expect(argo(query(m, "p95-latency"), QUIET), "{}", 0),
                    expect(argo(query(m, "critical-alerts"), CANARY), "{}", 1));
            Map<String, Object> test = Map.of("interval", "1m", "input_series", series, "promql_expr_test", expected);
            try {
                Path dir = Files.createTempDirectory("canary-analysis");
                Path file = Files.writeString(dir.resolve("canary-test.yml"), Yamls.write(Map.of("tests", List.of(test))));
                Promtool.Result result = Promtool.testRules(file);
                assertThat(result.ok()).as(result.output()).isTrue();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The query as Argo Rollouts sends it: the template's arguments filled in. */
    private static String argo(String query, String canaryHash) {
        return query.replace("{{args." + CanaryAnalysis.SERVICE_ARG + "}}", SERVICE)
                .replace("{{args." + CanaryAnalysis.CANARY_HASH_ARG + "}}", canaryHash);
    }

    private static String alert(String name, String state, String severity, String namespace) {
        return "ALERTS{alertname=\"" + name + "\",alertstate=\"" + state + "\",severity=\"" + severity + "\","
                + Alerts.NAMESPACE + "=\"" + namespace + "\"}";
    }

    private static Map<String, Object> series(String name, String values) {
        return Map.of("series", name, "values", values);
    }

    private static Map<String, Object> expect(String expr, String labels, double value) {
        return Map.of("expr", expr, "eval_time", "5m", "exp_samples", List.of(Map.of("labels", labels, "value", value)));
    }

    private static String query(Manifests m, String metric) {
        return m.get(AnalysisTemplate.TYPE.kind(), CanaryAnalysis.NAME).list("spec", "metrics").stream()
                .filter(x -> metric.equals(x.get("name"))).findFirst()
                .map(x -> Doc.at(x, "provider", "prometheus", "query").toString()).orElseThrow();
    }
}
