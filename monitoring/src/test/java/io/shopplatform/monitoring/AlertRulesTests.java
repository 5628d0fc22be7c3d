package io.shopplatform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.datatier.Sizing;
import io.shopplatform.model.Alerting;
import io.shopplatform.model.Environment;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's thresholds, proven with Prometheus's own rule evaluator ({@code promtool test rules}): for each, series
 * just past the model's threshold fire the alert once its {@code for} has held, and series just inside it do not.
 * Every number in the series is derived from the model, so a changed threshold moves the test with it.
 */
class AlertRulesTests {

    private static final Platform PLATFORM = Shop.PLATFORM;
    private static final Environment ENV = Environment.PROD;
    private static final String NS = ENV.namespace();
    private static final Alerting THRESHOLDS = PLATFORM.alerting();
    /** Series step and rule evaluation interval of the tests. */
    private static final Duration STEP = Duration.ofMinutes(1);
    private static final int REQUESTS_PER_STEP = 100;

    private final List<Map<String, Object>> tests = new ArrayList<>();
    private final Map<String, AlertRules.Rule> rules = new LinkedHashMap<>();

    AlertRulesTests() {
        AlertRules.of(PLATFORM, Sizing.of(PLATFORM, ENV), NS).forEach(g -> g.rules().forEach(r -> rules.put(r.alert(), r)));
    }

    @Test
    void theRuleFileOfEveryEnvironmentIsValid(@TempDir Path dir) throws IOException {
        for (Environment env : Environment.values()) {
            Path file = dir.resolve(env.id() + ".rules.yml");
            Files.writeString(file, AlertRules.file(AlertRules.of(PLATFORM, Sizing.of(PLATFORM, env), env.namespace())));
            Promtool.Result result = Promtool.checkRules(file);
            assertThat(result.ok()).as(result.output()).isTrue();
            assertThat(result.output()).contains("SUCCESS: " + rules.size() + " rules found");
        }
    }

    @Test
    void everySeedThresholdFiresJustPastItAndNotJustInsideIt(@TempDir Path dir) throws IOException {
        errorRate();
        responseTime();
        primaries();
        standbys();
        payment();
        cpuAndMemory();
        cacheHitRatio();
        queueDepth();
        degradedDependencies();

        Path rulesFile = dir.resolve("rules.yml");
        Files.writeString(rulesFile, AlertRules.file(AlertRules.of(PLATFORM, Sizing.of(PLATFORM, ENV), NS)));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("rule_files", List.of(rulesFile.toString()));
        file.put("evaluation_interval", Queries.duration(STEP));
        file.put("tests", tests);
        Path testFile = dir.resolve("rules.test.yml");
        Files.writeString(testFile, Yamls.write(file));

        Promtool.Result result = Promtool.testRules(testFile);
        assertThat(result.ok()).as(result.output() + "\n" + Files.readString(testFile)).isTrue();
        assertThat(result.output()).contains("SUCCESS");
    }

    /** Error rate over the threshold: one service fails a request more per hundred than allowed, another one fewer. */
    private void errorRate() {
        int allowed = percentOf(THRESHOLDS.criticalErrorRate());
        Map<String, String> failing = Map.of("service", Shop.PRODUCT);
        List<Map<String, Object>> series = new ArrayList<>();
        series.addAll(requests(failing, allowed + 1));
        series.addAll(requests(Map.of("service", Shop.USER), allowed - 1));
        AlertRules.Rule rule = rules.get(AlertRules.HIGH_ERROR_RATE);
        test(series, rule, failing, null);
    }

    /** p95 over the threshold: one service answers between one and two thresholds, another within a second. */
    private void responseTime() {
        double limit = THRESHOLDS.criticalResponseTime().toMillis() / 1000.0;
        assertThat(limit).as("the test's fast bucket is 1 s").isGreaterThan(1);
        Map<String, String> slow = Map.of("service", Shop.ORDER);
        List<Map<String, Object>> series = new ArrayList<>();
        series.addAll(histogram(slow, List.of(1.0, limit), List.of(2 * limit)));
        series.addAll(histogram(Map.of("service", Shop.USER), List.of(), List.of(1.0, limit, 2 * limit)));
        AlertRules.Rule rule = rules.get(AlertRules.SLOW_RESPONSES);
        test(series, rule, slow, null);
    }

    /** Exactly one primary is quiet; two primaries and none both fire, with the count in the summary. */
    private void primaries() {
        AlertRules.Rule rule = rules.get(AlertRules.PRIMARY_DOWN);
        String replica = "pg_replication_is_replica";
        test(List.of(series(replica, Map.of("pod", "postgres-0"), "0"), series(replica, Map.of("pod", "postgres-1"), "1"),
                series(replica, Map.of("pod", "postgres-2"), "1")), rule, null, null);
        test(List.of(series(replica, Map.of("pod", "postgres-0"), "0"), series(replica, Map.of("pod", "postgres-1"), "0"),
                series(replica, Map.of("pod", "postgres-2"), "1")), rule, Map.of(), "2");
        test(List.of(series(replica, Map.of("pod", "postgres-0"), "1"), series(replica, Map.of("pod", "postgres-1"), "1")),
                rule, Map.of(), "0");
    }

    /**
     * Standbys streaming from the primary: all of them is quiet; one fewer is a warning (with the count); fewer than the
     * synchronous quorum is critical, since every commit waits.
     */
    private void standbys() {
        Sizing sizing = Sizing.of(PLATFORM, ENV);
        String metric = "pg_stat_replication_pg_current_wal_lsn_bytes";
        List<Map<String, Object>> all = new ArrayList<>(), oneMissing = new ArrayList<>(), belowQuorum = new ArrayList<>();
        for (int i = 1; i <= sizing.standbys(); i++) {
            Map<String, Object> s = series(metric, Map.of("pod", "postgres-0", "application_name", "postgres-" + i,
                    "state", "streaming"), "1000+1000x60");
            all.add(s);
            if (i > 1) {
                oneMissing.add(s);
            }
            if (i < sizing.synchronousStandbysRequired()) {
                belowQuorum.add(s);
            }
        }
        // A standby still catching up is connected but not streaming yet: it does not count.
        belowQuorum.add(series(metric, Map.of("pod", "postgres-0", "application_name", "postgres-2", "state", "catchup"),
                "1000x60"));
        AlertRules.Rule missing = rules.get(AlertRules.STANDBY_MISSING), quorum = rules.get(AlertRules.QUORUM_LOST);
        test(all, missing, null, null);
        test(all, quorum, null, null);
        test(oneMissing, missing, Map.of(), Integer.toString(sizing.standbys() - 1));
        test(oneMissing, quorum, null, null);
        test(belowQuorum, quorum, Map.of(), Integer.toString(sizing.synchronousStandbysRequired() - 1));
    }

    /** Payment with every instance down fires; one instance up is enough to stay quiet. */
    private void payment() {
        AlertRules.Rule rule = rules.get(AlertRules.PAYMENT_UNAVAILABLE);
        Map<String, String> payment = Map.of("service", Shop.PAYMENT);
        test(List.of(series("up", with(payment, "pod", "payment-0"), "0"), series("up", with(payment, "pod", "payment-1"), "0")),
                rule, Map.of(), null);
        test(List.of(series("up", with(payment, "pod", "payment-0"), "0"), series("up", with(payment, "pod", "payment-1"), "1")),
                rule, null, null);
    }

    /** A pod using five points more than the warning share of its CPU and memory limits fires; one ten points under does not. */
    private void cpuAndMemory() {
        double busy = THRESHOLDS.warningCpuMemoryPercent() / 100.0;
        double cores = 2, bytes = 1024.0 * 1024 * 1024;
        Map<String, String> hot = Map.of("pod", "order-hot", "container", Shop.ORDER);
        Map<String, String> cool = Map.of("pod", "order-cool", "container", Shop.ORDER);
        List<Map<String, Object>> series = new ArrayList<>();
        for (var pod : List.of(Map.entry(hot, busy + 0.05), Map.entry(cool, busy - 0.1))) {
            series.add(series("container_cpu_usage_seconds_total", pod.getKey(),
                    "0+" + pod.getValue() * cores * STEP.toSeconds() + "x60"));
            series.add(series("kube_pod_container_resource_limits", with(pod.getKey(), "resource", "cpu"), cores + "x60"));
            series.add(series("container_memory_working_set_bytes", pod.getKey(), pod.getValue() * bytes + "x60"));
            series.add(series("kube_pod_container_resource_limits", with(pod.getKey(), "resource", "memory"), bytes + "x60"));
        }
        for (String alert : List.of(AlertRules.HIGH_CPU, AlertRules.HIGH_MEMORY)) {
            AlertRules.Rule rule = rules.get(alert);
            test(series, rule, Map.of("pod", "order-hot"), null);
        }
    }

    /** A cache layer five points under the warning ratio fires; one five points over does not. */
    private void cacheHitRatio() {
        double warn = THRESHOLDS.warningCacheHitRatio();
        Map<String, String> cold = Map.of("service", Shop.PRODUCT, "cache", "memcached");
        AlertRules.Rule rule = rules.get(AlertRules.CACHE_HIT_RATIO_LOW);
        test(List.of(series("cache_hit_ratio", with(cold, "pod", "product-0"), (warn - 0.05) + "x60"),
                series("cache_hit_ratio", Map.of("service", Shop.PRODUCT, "cache", "redis", "pod", "product-0"),
                        (warn + 0.05) + "x60")), rule, cold, null);
    }

    /** The order queue rising fires once it has risen for the rule's whole {@code for}; a steady queue does not. */
    private void queueDepth() {
        AlertRules.Rule rule = rules.get(AlertRules.QUEUE_DEPTH_INCREASING);
        String metric = AlertRules.queueMetric(PLATFORM);
        test(List.of(series(metric, Map.of("pod", "order-0"), "0+5x90")), rule, Map.of(), null);
        test(List.of(series(metric, Map.of("pod", "order-0"), "50x90")), rule, null, null);
    }

    /** A provider's open breaker, a cache layer out of use, a relay that cannot reach Kafka each fire; their healthy twins do not. */
    private void degradedDependencies() {
        Map<String, String> payment = Map.of("service", Shop.PAYMENT, "pod", "payment-0");
        test(List.of(series("resilience4j_circuitbreaker_state", with(with(payment, "name", "stripe"), "state", "open"), "1x60"),
                series("resilience4j_circuitbreaker_state", with(with(payment, "name", "paypal"), "state", "open"), "0x60")),
                rules.get(AlertRules.PAYMENT_PROVIDER_FAILING), Map.of("name", "stripe"), null);
        Map<String, String> product = Map.of("service", Shop.PRODUCT, "pod", "product-0", "cache", "products");
        test(List.of(series("shop_cache_layer_up", with(product, "layer", Shop.REDIS), "0x60"),
                series("shop_cache_layer_up", with(product, "layer", Shop.MEMCACHED), "1x60")),
                rules.get(AlertRules.CACHE_LAYER_DOWN), Map.of("service", Shop.PRODUCT, "layer", Shop.REDIS), null);
        test(List.of(series("shop_outbox_unavailable_total", Map.of("service", Shop.ORDER, "pod", "order-0"), "0+3x60"),
                series("shop_outbox_unavailable_total", Map.of("service", Shop.USER, "pod", "user-0"), "5x60")),
                rules.get(AlertRules.EVENT_BROKER_UNREACHABLE), Map.of("service", Shop.ORDER), null);
    }

    /**
     * One promtool test: nothing fires before the rule's {@code for} has held; afterwards exactly the expected alert
     * (labels {@code firing} plus the rule's own; {@code null}: none) fires, its summary rendered with {@code value}.
     */
    private void test(List<Map<String, Object>> series, AlertRules.Rule rule, Map<String, String> firing, String value) {
        // The expression holds from the first step at the latest, so the alert is still pending a step before its
        // `for` has passed; by then plus its longest range window (and a margin) it fires.
        Duration pendingUntil = rule.holds().compareTo(STEP) > 0 ? rule.holds().minus(STEP) : Duration.ZERO;
        Duration firedBy = window(rule).plus(rule.holds()).plus(STEP.multipliedBy(2));
        List<Map<String, Object>> checks = new ArrayList<>();
        checks.add(Map.of("eval_time", Queries.duration(pendingUntil), "alertname", rule.alert(), "exp_alerts", new ArrayList<>()));
        List<Object> expected = new ArrayList<>();
        if (firing != null) {
            Map<String, String> labels = new TreeMap<>(rule.labels());
            labels.putAll(firing);
            expected.add(Map.of("exp_labels", labels, "exp_annotations",
                    Map.of(AlertRules.SUMMARY, render(rule.summary(), labels, value))));
        }
        checks.add(Map.of("eval_time", Queries.duration(firedBy), "alertname", rule.alert(), "exp_alerts", expected));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", rule.alert() + (firing == null ? " stays quiet" : " fires"));
        t.put("interval", Queries.duration(STEP));
        t.put("input_series", series);
        t.put("alert_rule_test", checks);
        tests.add(t);
    }

    /** The longest range a rule's expression reads (rate windows), or one step for instant expressions. */
    private static Duration window(AlertRules.Rule rule) {
        var m = java.util.regex.Pattern.compile("\\[(\\d+)m]").matcher(rule.expr());
        long minutes = STEP.toMinutes();
        while (m.find()) {
            minutes = Math.max(minutes, Long.parseLong(m.group(1)));
        }
        return Duration.ofMinutes(minutes);
    }

    /** A counter pair per service: {@value #REQUESTS_PER_STEP} requests a step, {@code failedPerStep} of them 5xx. */
    private static List<Map<String, Object>> requests(Map<String, String> service, int failedPerStep) {
        String count = Queries.REQUESTS + "_count";
        return List.of(series(count, with(service, "status", "200"), "0+" + (REQUESTS_PER_STEP - failedPerStep) + "x60"),
                series(count, with(service, "status", "500"), "0+" + failedPerStep + "x60"));
    }

    /** A histogram whose requests all land in the first bucket above {@code empty}: cumulative counts per {@code le}. */
    private static List<Map<String, Object>> histogram(Map<String, String> service, List<Double> empty, List<Double> full) {
        String bucket = Queries.REQUESTS + "_bucket";
        List<Map<String, Object>> series = new ArrayList<>();
        empty.forEach(le -> series.add(series(bucket, with(service, "le", Double.toString(le)), "0x60")));
        full.forEach(le -> series.add(series(bucket, with(service, "le", Double.toString(le)), "0+10x60")));
        series.add(series(bucket, with(service, "le", "+Inf"), "0+10x60"));
        return series;
    }

    private static Map<String, Object> series(String metric, Map<String, String> labels, String values) {
        Map<String, String> all = new TreeMap<>(labels);
        all.put(AlertRules.NAMESPACE, NS);
        StringBuilder s = new StringBuilder(metric).append('{');
        all.forEach((k, v) -> s.append(k).append("=\"").append(v).append("\","));
        s.setLength(s.length() - 1);
        return Map.of("series", s.append('}').toString(), "values", values);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> m = new TreeMap<>(labels);
        m.put(key, value);
        return m;
    }

    private static int percentOf(double ratio) {
        int percent = (int) Math.round(ratio * REQUESTS_PER_STEP);
        assertThat(percent).as("the threshold leaves room on both sides").isBetween(2, REQUESTS_PER_STEP - 2);
        return percent;
    }

    /** The summary as Prometheus renders its template for these labels and value. */
    private static String render(String summary, Map<String, String> labels, String value) {
        String s = summary;
        for (var e : labels.entrySet()) {
            s = s.replace("{{ $labels." + e.getKey() + " }}", e.getValue());
        }
        return value == null ? s : s.replace("{{ $value }}", value);
    }
}
