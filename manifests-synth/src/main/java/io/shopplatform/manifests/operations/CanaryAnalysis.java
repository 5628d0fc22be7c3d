package io.shopplatform.manifests.operations;

import io.shopplatform.monitoring.Queries;
import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.Units;
import io.shopplatform.manifests.crd.AnalysisTemplate;
import io.shopplatform.manifests.crd.AnalysisTemplate.Metric;
import io.shopplatform.manifests.crd.AnalysisTemplate.Prometheus;
import io.shopplatform.manifests.crd.AnalysisTemplate.Provider;
import io.shopplatform.manifests.crd.CustomResource;
import io.shopplatform.model.Canary;
import java.util.List;
import software.constructs.Construct;

/**
 * The seed's canary criteria as one analysis every Rollout runs in the background: it succeeds while error rate
 * stays within the success bound and p95 within the SLA, and aborts (rolls back) on the rollback triggers or a critical alert.
 */
public final class CanaryAnalysis extends Construct {
    public static final String NAME = "shop-canary";
    public static final String SERVICE_ARG = "service", CANARY_HASH_ARG = "canary-hash";

    public CanaryAnalysis(Construct scope, Target target) {
        super(scope, "canary-analysis");
        Canary canary = target.platform().canary();
        // The canary's pods only (their ReplicaSet's hash, scraped as a label): the stable pods would dilute them.
        String matchers = Queries.service(target.namespace(), "{{args." + SERVICE_ARG + "}}") + ","
                + Queries.POD_TEMPLATE_HASH + "=\"{{args." + CANARY_HASH_ARG + "}}\"";
        String by = "service";
        CustomResource.create(this, "template", AnalysisTemplate.TYPE,
                Meta.meta(NAME, target.namespace(), Meta.platformLabels(NAME)),
                new AnalysisTemplate.Spec(List.of(new AnalysisTemplate.Arg(SERVICE_ARG),
                        new AnalysisTemplate.Arg(CANARY_HASH_ARG)), List.of(
                        // A canary that has served nothing yet has failed nothing: quiet measures 0, not an error.
                        metric("error-rate", Queries.orZero(Queries.errorRate(matchers, by)),
                                "result[0] < " + canary.successMaxErrorRate(), "result[0] > " + canary.rollbackErrorRate()),
                        metric("p95-latency", Queries.orZero(Queries.p95Seconds(matchers, by)),
                                "result[0] < " + target.platform().sla().responseTimeP95().toSeconds(),
                                "result[0] > " + canary.rollbackResponseTime().toSeconds()),
                        metric("critical-alerts", Queries.criticalAlertsFiring(target.namespace()),
                                "result[0] == 0", "result[0] > 0"))));
    }

    private static Metric metric(String name, String query, String success, String failure) {
        return new Metric(name, Units.duration(java.time.Duration.ofMinutes(1)), success, failure, 0,
                new Provider(new Prometheus(Queries.PROMETHEUS, query)));
    }
}
