package io.shopplatform.manifests.operations;

import io.shopplatform.datatier.Sizing;
import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.crd.CustomResource;
import io.shopplatform.manifests.crd.PrometheusRule;
import io.shopplatform.monitoring.AlertRules;
import java.util.Map;
import software.constructs.Construct;

/**
 * The seed's alerting thresholds as the environment's PrometheusRule: monitoring's {@link AlertRules}, the very rules
 * the local Prometheus evaluates, selecting this environment's namespace.
 */
public final class Alerts extends Construct {
    public static final String NAME = "shop-alerts";
    public static final String CRITICAL = AlertRules.CRITICAL, WARNING = AlertRules.WARNING;
    public static final String NAMESPACE = AlertRules.NAMESPACE;

    public Alerts(Construct scope, Target target) {
        super(scope, "alerts");
        String ns = target.namespace();
        var groups = AlertRules.of(target.platform(), Sizing.of(target.platform(), target.env()), ns).stream()
                .map(g -> new PrometheusRule.Group(g.name(), g.rules().stream()
                        .map(r -> new PrometheusRule.Rule(r.alert(), r.expr(), r.forDuration(), r.labels(),
                                Map.of(AlertRules.SUMMARY, r.summary())))
                        .toList()))
                .toList();
        CustomResource.create(this, "rule", PrometheusRule.TYPE, Meta.meta(NAME, ns, Meta.platformLabels(NAME)),
                new PrometheusRule.Spec(groups));
    }
}
