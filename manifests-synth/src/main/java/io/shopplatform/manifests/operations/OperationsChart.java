package io.shopplatform.manifests.operations;

import io.shopplatform.manifests.Delivery;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.rbac.MonitoringAccess;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import software.constructs.Construct;

/** Running the platform: scheduled database work, monitoring, alerting, right-sizing, the prod canary. */
public final class OperationsChart extends Chart {

    public OperationsChart(Construct scope, Target target) {
        super(scope, "operations", ChartProps.builder().disableResourceNameHashes(true).build());
        new DatabaseJobs(this, target);
        new Scraping(this, target);
        new MonitoringAccess(this, target);
        new Alerts(this, target);
        new Dashboards(this, target);
        new MetricsAdapter(this, target);
        new RightSizing(this, target);
        if (Delivery.of(target.env()).canary()) {
            new CanaryAnalysis(this, target);
        }
    }
}
