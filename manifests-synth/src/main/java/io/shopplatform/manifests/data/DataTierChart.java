package io.shopplatform.manifests.data;

import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.operations.DatabaseJobs;
import io.shopplatform.manifests.workloads.PriorityClasses;
import org.cdk8s.ApiObject;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import software.constructs.Construct;
import software.constructs.IConstruct;

/** The seed's data tier: PostgreSQL behind PgPool-II, Redis Cluster, memcached, Kafka and OpenSearch. */
public final class DataTierChart extends Chart {

    public DataTierChart(Construct scope, Target target) {
        super(scope, "data", ChartProps.builder().disableResourceNameHashes(true).build());
        new StorageClasses(this);
        new PriorityClasses(this);   // in the first wave: every pod, the data tier's first, names one
        Postgres.add(this, target);
        BackupCertificates.add(this, target);
        new PgPool(this, target);
        RedisCluster.add(this, target);
        Memcached.add(this, target);
        Kafka.add(this, target);
        Search.add(this, target);
        // Argo CD brings the data tier up first, then runs the migration, then everything else.
        for (IConstruct c : getNode().findAll()) {
            if (c instanceof ApiObject o) {
                o.getMetadata().addAnnotation(DatabaseJobs.SYNC_WAVE, DatabaseJobs.DATA_TIER_WAVE);
            }
        }
    }
}
