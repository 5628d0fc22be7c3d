package io.shopplatform.loadtests.shop;

import io.shopplatform.model.Platform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The model's thresholds applied to what a run (or one level of a step search) measured: the SLA's p95 response time
 * and error budget (1 - availability) over the requests through the gateway, and the database targets' read and write
 * p95 over the services' statement timers.
 */
public final class Gates {

    public record Gate(String name, String limit, String measured, boolean passed) {
        @Override
        public String toString() {
            return (passed ? "pass " : "FAIL ") + name + ": " + measured + " (limit " + limit + ")";
        }
    }

    /**
     * A run is a sample: a few hundred requests cannot tell 0.1% from 0.3% (one error in 353 is 0.28%, and a shop
     * exactly on a 0.1% budget shows at least one there in 30% of runs). The error gate fails a rate above the budget
     * only when a shop within it would show that many errors in fewer than this share of runs; over the tens of
     * thousands of requests of a real profile run that is within a few hundredths of a percent of the budget itself.
     */
    static final double SIGNIFICANCE = 0.01;

    private Gates() {}

    /** P(X ≥ k) for X ~ Binomial(n, p): how often a shop failing a share p of requests shows k errors or more in n. */
    static double chanceOfAtLeast(int k, int n, double p) {
        if (k <= 0) {
            return 1;
        }
        // 1 - P(X < k), the terms P(X = i) built up in logs so that large n neither under- nor overflows.
        double below = 0, logTerm = n * Math.log1p(-p);
        for (int i = 0; i < k; i++) {
            below += Math.exp(logTerm);
            logTerm += Math.log((double) (n - i) / (i + 1)) + Math.log(p) - Math.log1p(-p);
        }
        return Math.max(0, 1 - below);
    }

    static List<Gate> check(Platform model, Recorder recorder, int level, ServiceMetrics during) {
        Recorder.Stats gateway = throughGateway(recorder, level);
        List<Gate> gates = new ArrayList<>();
        long p95 = gateway.percentile(95);
        long limitP95 = model.sla().responseTimeP95().toMillis();
        gates.add(new Gate("response time p95", "< " + limitP95 + " ms", p95 + " ms", p95 < limitP95));
        double budget = 1 - model.sla().availability();
        double chance = chanceOfAtLeast(gateway.failed(), gateway.count(), budget);
        gates.add(new Gate("error rate", "< " + percent(budget) + ", or as many errors as that budget gives "
                + percent(SIGNIFICANCE) + " of runs", percent(gateway.errorRate()) + " (" + gateway.failed() + " of "
                + gateway.count() + failures(recorder, level) + ")" + (gateway.failed() > 0 && gateway.errorRate() >= budget
                        ? String.format(", which a shop within the budget gives %.2f%% of runs", 100 * chance) : ""),
                gateway.count() > 0 && (gateway.errorRate() < budget || chance >= SIGNIFICANCE)));
        gates.add(database("database read p95", during.queries("read"), model.database().read().p95().toMillis()));
        gates.add(database("database write p95", during.queries("write"), model.database().write().p95().toMillis()));
        return gates;
    }

    /** p95 within the target ⟺ at least 95% of statements in the target's bucket (the timers have one there). */
    private static Gate database(String name, ServiceMetrics.Histogram h, long targetMillis) {
        double share = h.shareWithin(targetMillis);
        return new Gate(name, "<= " + targetMillis + " ms", "p95 <= " + h.percentileAtMost(95) + " ms; "
                + percent(share) + " of " + (long) h.count() + " within " + targetMillis + " ms", share >= 0.95);
    }

    /** Which groups failed with which statuses ("; checkout 409×1"), so a failed gate says where to look. */
    private static String failures(Recorder recorder, int level) {
        StringBuilder out = new StringBuilder();
        for (Action a : Action.values()) {
            if (a.throughGateway()) {
                recorder.stats(level, List.of(a)).statuses().forEach((status, n) -> {
                    if (!a.expects(status)) {
                        out.append(out.isEmpty() ? ": " : ", ").append(a.label()).append(' ')
                                .append(status == Recorder.NO_ANSWER ? "no answer" : status).append('×').append(n);
                    }
                });
            }
        }
        return out.toString();
    }

    /** Every gateway request group merged, at one level (or over the run: level < 0). */
    static Recorder.Stats throughGateway(Recorder recorder, int level) {
        return recorder.stats(level, Arrays.stream(Action.values()).filter(Action::throughGateway).toList());
    }

    static String percent(double ratio) {
        return String.format("%.3f%%", 100 * ratio);
    }
}
