package io.shopplatform.manifests.operations;

import io.shopplatform.monitoring.Queries;
import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.crd.CustomResource;
import io.shopplatform.manifests.crd.ServiceMonitor;
import io.shopplatform.model.Component;
import io.shopplatform.model.Edge;
import io.shopplatform.model.Shop;
import java.util.List;
import software.constructs.Construct;

/** What Prometheus scrapes: exactly the model's edges from monitoring, one ServiceMonitor per scraped component. */
public final class Scraping extends Construct {
    public static final String ACTUATOR_PROMETHEUS = Queries.SERVICE_METRICS_PATH;

    public Scraping(Construct scope, Target target) {
        super(scope, "scraping");
        for (Edge edge : target.platform().edgesFrom(Shop.MONITORING)) {
            Component c = target.platform().component(edge.to());
            CustomResource.create(this, c.name(), ServiceMonitor.TYPE, Meta.meta(target, c, c.name()),
                    new ServiceMonitor.Spec(
                            new ServiceMonitor.Selector(Meta.selector(c.name())),
                            new ServiceMonitor.NamespaceSelector(List.of(target.namespace())),
                            // Which ReplicaSet a service's pod belongs to: the canary analysis tells canary from stable.
                            c.isService() ? List.of(Queries.POD_TEMPLATE_HASH_LABEL) : null,
                            List.of(new ServiceMonitor.Endpoint(edge.port(),
                                    c.isService() ? ACTUATOR_PROMETHEUS : "/metrics", "30s"))));
        }
    }
}
