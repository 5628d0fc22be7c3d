package io.shopplatform.loadtests.shop;

import io.shopplatform.model.Autoscaling;
import io.shopplatform.model.Component;
import io.shopplatform.model.LoadProfile;
import io.shopplatform.model.Platform;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine-readable summary of a run (Gatling writes none since 3.10): throughput and percentiles per request
 * group from the {@link Recorder}, and from the services' meters scraped before and after, the cache hit ratio,
 * database statement percentiles, requests and CPU per service, and the sizing they imply for the model's peak.
 */
final class Summary {

    private static final String HTTP_REQUESTS = "http_server_requests_seconds_count";
    /** Micrometer's process CPU counter (ProcessorMetrics), in nanoseconds. */
    private static final String CPU_NANOS = "process_cpu_time_ns_total";
    private static final Pattern CACHE = Pattern.compile("cache=\"([^\"]+)\"");

    private Summary() {}

    static Map<String, Object> of(Platform model, LoadPlan plan, Recorder recorder, ServiceMetrics during,
                                  List<Gates.Gate> gates, List<Map<String, Object>> levels) {
        double seconds = recorder.elapsedSeconds();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("profile", plan.profile().name());
        out.put("scale", plan.scale());
        out.put("shape", plan.shape().name().toLowerCase());
        out.put("users", plan.users());
        out.put("thinkTimeMs", plan.thinkTime().toMillis());
        out.put("targetRequestsPerSecond", plan.requestsPerSecond());
        out.put("seconds", round(seconds));

        Recorder.Stats gateway = Gates.throughGateway(recorder, -1);
        List<Action> reads = Arrays.stream(Action.values()).filter(a -> a.kind() == Action.Kind.READ).toList();
        List<Action> writes = Arrays.stream(Action.values()).filter(a -> a.kind() == Action.Kind.WRITE).toList();
        int readCount = recorder.stats(-1, reads).count(), writeCount = recorder.stats(-1, writes).count();
        Map<String, Object> overall = stats(gateway, seconds);
        overall.put("readShare", round((double) readCount / Math.max(1, readCount + writeCount)));
        out.put("gateway", overall);

        Map<String, Object> groups = new LinkedHashMap<>();
        for (Action a : Action.values()) {
            Recorder.Stats s = recorder.stats(-1, List.of(a));
            if (s.count() > 0) {
                Map<String, Object> g = stats(s, seconds);
                g.put("kind", a.kind().name().toLowerCase());
                groups.put(a.label(), g);
            }
        }
        out.put("groups", groups);
        out.put("cache", cache(during));
        out.put("database", Map.of("read", queries(during.queries("read")), "write", queries(during.queries("write"))));
        out.put("services", services(model, during, seconds, gateway.count()));
        if (!levels.isEmpty()) {
            out.put("levels", levels);
        }
        out.put("gates", gates.stream().map(g -> Map.of("gate", g.name(), "limit", g.limit(), "measured", g.measured(),
                "passed", g.passed())).toList());
        return out;
    }

    static Map<String, Object> stats(Recorder.Stats s, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", s.count());
        m.put("rps", round(s.count() / Math.max(seconds, 1e-9)));
        m.put("p50Ms", s.percentile(50));
        m.put("p95Ms", s.percentile(95));
        m.put("p99Ms", s.percentile(99));
        m.put("failed", s.failed());
        m.put("errorRate", round(s.errorRate()));
        m.put("statuses", s.statuses());
        return m;
    }

    /** Lookups answered by some layer over lookups that went to the source, per cache and over all of them. */
    private static Map<String, Object> cache(ServiceMetrics during) {
        Set<String> caches = new TreeSet<>();
        during.samples().values().forEach(s -> s.keySet().forEach(k -> {
            Matcher m = CACHE.matcher(k);
            if (k.startsWith("shop_cache_loads_seconds_count") && m.find()) {
                caches.add(m.group(1));
            }
        }));
        Map<String, Object> out = new LinkedHashMap<>();
        double hits = 0, loads = 0;
        for (String cache : caches) {
            double h = during.total("shop_cache_gets_total", "cache=\"" + cache + "\"", "result=\"hit\"");
            double l = during.total("shop_cache_loads_seconds_count", "cache=\"" + cache + "\"");
            hits += h;
            loads += l;
            out.put(cache, Map.of("hits", (long) h, "loads", (long) l, "hitRatio", round(h / Math.max(1, h + l))));
        }
        out.put("hitRatio", round(hits / Math.max(1, hits + loads)));
        return out;
    }

    private static Map<String, Object> queries(ServiceMetrics.Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statements", (long) h.count());
        m.put("p50AtMostMs", h.percentileAtMost(50));
        m.put("p95AtMostMs", h.percentileAtMost(95));
        m.put("p99AtMostMs", h.percentileAtMost(99));
        m.put("bucketsMs", h.cumulative().keySet());
        return m;
    }

    /**
     * Per service: requests served and CPU spent per request; from those, requests per pod at the HPA's CPU target
     * (the pod's CPU request × target) and the replicas the model's biggest profile would need, next to min/max.
     */
    private static Map<String, Object> services(Platform model, ServiceMetrics during, double seconds, long gatewayRequests) {
        LoadProfile peak = model.traffic().profiles().stream()
                .max((a, b) -> Integer.compare(a.requestsPerSecond(), b.requestsPerSecond())).orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String service : during.samples().keySet()) {
            double requests = during.ofService(service, HTTP_REQUESTS);
            double cpuSeconds = during.ofService(service, CPU_NANOS) / 1e9;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", (long) requests);
            m.put("rpsPerPod", round(requests / Math.max(seconds, 1e-9)));
            m.put("cpuSeconds", round(cpuSeconds));
            if (requests > 0 && cpuSeconds > 0) {
                double cpuPerRequest = cpuSeconds / requests;
                m.put("cpuMsPerRequest", round(1000 * cpuPerRequest));
                Component c = model.component(service);
                c.autoscaling().ifPresent(hpa -> m.put("sizing", sizing(c, hpa, cpuPerRequest,
                        requests / Math.max(1, gatewayRequests), peak)));
            }
            out.put(service, m);
        }
        return out;
    }

    private static Map<String, Object> sizing(Component c, Autoscaling hpa, double cpuPerRequest, double perGatewayRequest,
                                              LoadProfile peak) {
        double podCpuAtTarget = c.resources().cpuRequestMillis() / 1000.0 * hpa.cpuTargetPercent() / 100;
        double perPod = podCpuAtTarget / cpuPerRequest;
        double needed = Math.ceil(peak.requestsPerSecond() * perGatewayRequest / perPod);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestsPerPodAtCpuTarget", round(perPod));
        m.put("peakProfile", peak.name());
        m.put("replicasForPeak", (long) needed);
        m.put("minReplicas", hpa.minReplicas());
        m.put("maxReplicas", hpa.maxReplicas());
        m.put("maxCarriesPeak", needed <= hpa.maxReplicas());
        return m;
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
    }
}
