package io.shopplatform.infra;

import static io.shopplatform.model.Shop.PLATFORM;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import com.pulumi.gcp.compute.Address;
import io.shopplatform.infra.cluster.Gke;
import io.shopplatform.infra.config.ConfigSource;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.deploy.Addons;
import io.shopplatform.infra.deploy.Deployment;
import io.shopplatform.infra.deploy.ManifestChart;
import io.shopplatform.infra.identity.Identities;
import io.shopplatform.infra.network.Vpc;
import io.shopplatform.infra.project.Apis;
import io.shopplatform.infra.storage.BackupStorage;
import io.shopplatform.infra.storage.IamPropagation;
import io.shopplatform.model.Environment;
import io.shopplatform.model.Shop;
import io.shopplatform.model.StackFile;

/** The GKE platform of one environment; `pulumi up --stack <env>` from the repository root runs it. */
public final class App {

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    static void stack(Context ctx) {
        stack(ctx, ConfigSource.of(ctx), IamPropagation.GOOGLE);
    }

    /**
     * Top to bottom as in the architecture: the project's APIs, network, cluster and node pools, backups, then the
     * cluster's namespaces, Secrets and add-ons, and the Argo CD Application that brings the shop onto it.
     */
    static void stack(Context ctx, ConfigSource source, IamPropagation propagation) {
        // All three fail before anything is declared: a half-declared stack would plan deletions.
        var config = StackConfig.read(Environment.of(ctx.stackName()), source);
        // The chart's path is an input of the release, so it must not change from one run to the next.
        var chart = ManifestChart.build(config, StackFile.repositoryRoot().resolve("infra/target/charts"));
        // A custom kind no add-on serves would fail Argo CD's sync long after `pulumi up` reported success.
        Addons.serving(chart.apis());

        var apis = Apis.enable(config);
        var vpc = Vpc.declare(config, apis);
        ctx.export("egressAddresses", Output.all(vpc.egress().stream().map(Address::address).toList()));
        ctx.export("frontDoorAddress", vpc.frontDoor().address());
        var gke = Gke.declare(config, apis, vpc, Identities.nodeAccount(config, apis));
        ctx.export("clusterName", gke.cluster().name());
        ctx.export("endpoint", gke.cluster().endpoint());
        ctx.export("kubeconfig", gke.kubeconfig());

        var backups = BackupStorage.declare(config, apis, propagation);
        var backupJob = Identities.workloadAccount(config, apis, PLATFORM.component(Shop.DB_BACKUP), gke.cluster());
        backups.grantWriter(config.prefix() + "-" + Shop.DB_BACKUP + "-writes-backups", backupJob);
        ctx.export("backupBucket", backups.bucket().name());
        ctx.export("backupCopyBucket", backups.copy().name());
        ctx.export("backupWriterServiceAccount", backupJob.email());

        Deployment.declare(config, gke, chart);
    }

    private App() {}
}
