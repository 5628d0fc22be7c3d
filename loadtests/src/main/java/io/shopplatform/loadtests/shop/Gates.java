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

    private Gates() {}

    static List<Gate> check(Platform model, Recorder recorder, int level, ServiceMetrics during) {
        Recorder.Stats gateway = throughGateway(recorder, level);
        List<Gate> gates = new ArrayList<>();
        long p95 = gateway.percentile(95);
        long limitP95 = model.sla().responseTimeP95().toMillis();
        gates.add(new Gate("response time p95", "< " + limitP95 + " ms", p95 + " ms", p95 < limitP95));
        double budget = 1 - model.sla().availability();
        gates.add(new Gate("error rate", "< " + percent(budget), percent(gateway.errorRate())
                + " (" + gateway.failed() + " of " + gateway.count() + ")", gateway.count() > 0 && gateway.errorRate() < budget));
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

    /** Every gateway request group merged, at one level (or over the run: level < 0). */
    static Recorder.Stats throughGateway(Recorder recorder, int level) {
        return recorder.stats(level, Arrays.stream(Action.values()).filter(Action::throughGateway).toList());
    }

    static String percent(double ratio) {
        return String.format("%.3f%%", 100 * ratio);
    }
}
