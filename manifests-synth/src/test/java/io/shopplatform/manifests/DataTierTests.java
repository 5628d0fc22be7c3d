package io.shopplatform.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.datatier.Credentials;
import io.shopplatform.datatier.DataTierFiles;
import io.shopplatform.datatier.Maintenance;
import io.shopplatform.datatier.Migrate;
import io.shopplatform.manifests.data.ClusterTopology;
import io.shopplatform.manifests.data.Storage;
import io.shopplatform.manifests.network.NetworkChart;
import io.shopplatform.manifests.operations.Alerts;
import io.shopplatform.manifests.operations.DatabaseJobs;
import io.shopplatform.manifests.rbac.Accounts;
import io.shopplatform.model.BackupBuckets;
import io.shopplatform.model.ConnectionBudget;
import io.shopplatform.model.Edge;
import io.shopplatform.model.Shop;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The cluster runs data-tier's rendering and nothing else; and the defects found by reading the old output stay
 * fixed: each rule names the defect it guards against.
 */
class DataTierTests {

    @TestFactory
    Stream<DynamicNode> configMapsHoldDataTiersRenderingForTheCluster() {
        return PerEnvironment.rule("the data tier's ConfigMaps are data-tier's files for this cluster, byte for byte", m -> {
            DataTierFiles files = ClusterTopology.files(m.target());
            assertThat(m.get("ConfigMap", Shop.POSTGRES + "-config").map("data")).isEqualTo(files.postgres());
            assertThat(m.get("ConfigMap", Shop.PGPOOL + "-config").map("data")).isEqualTo(files.pgpool());
            assertThat(m.get("ConfigMap", Shop.DB_BACKUP + "-config").map("data")).isEqualTo(files.backup());
        });
    }

    @TestFactory
    Stream<DynamicNode> entryPointsAreTheRenderedScripts() {
        return PerEnvironment.rule("members, their backup servers, PgPools and backup jobs run data-tier's entry points", m -> {
            assertThat(commands(m, "StatefulSet", ClusterTopology.memberStatefulSet(0)))
                    .contains(List.of("/config/" + DataTierFiles.MEMBER), List.of("/config/" + DataTierFiles.BACKUP_SERVER));
            assertThat(commands(m, "StatefulSet", Shop.PGPOOL)).contains(List.of("/config/" + DataTierFiles.PGPOOL));
            assertThat(commands(m, "CronJob", DatabaseJobs.FULL_BACKUP)).containsExactly(List.of("/config/" + DataTierFiles.BACKUP, "full"));
            assertThat(commands(m, "CronJob", DatabaseJobs.INCREMENTAL_BACKUP)).containsExactly(List.of("/config/" + DataTierFiles.BACKUP, "incr"));
            assertThat(commands(m, "CronJob", Shop.DB_RESTORE)).containsExactly(List.of("/config/" + DataTierFiles.RESTORE));
            assertThat(m.get("CronJob", Shop.DB_RESTORE).at("spec", "suspend")).as("a restore is never scheduled").isEqualTo(true);
        });
    }

    @TestFactory
    Stream<DynamicNode> thePgPoolsFormAWatchdogOfTheModelsSize() {
        return PerEnvironment.rule("PgPool is a StatefulSet of three or more with a headless peers Service; heartbeats are UDP", m -> {
            Doc pgpool = m.get("StatefulSet", Shop.PGPOOL);
            assertThat((Integer) pgpool.at("spec", "replicas")).isGreaterThanOrEqualTo(3)
                    .isEqualTo(m.target().instances(m.target().platform().component(Shop.PGPOOL)));
            assertThat(pgpool.at("spec", "serviceName")).isEqualTo(ClusterTopology.POOLER_PEERS);
            assertThat(m.get("Service", ClusterTopology.POOLER_PEERS).at("spec", "clusterIP")).isEqualTo("None");
            Doc heartbeats = m.get("NetworkPolicy", NetworkChart.policyName(new Edge(Shop.PGPOOL, Shop.PGPOOL, "heartbeat")));
            assertThat(heartbeats.list("spec", "ingress").get(0).get("ports").toString()).contains("protocol=UDP",
                    "port=" + m.target().platform().component(Shop.PGPOOL).port("heartbeat").number());
        });
    }

    /** Defect: every backup run left a 200 GiB volume behind (Retain on the scratch class). */
    @TestFactory
    Stream<DynamicNode> backupJobsLeaveNoVolumeBehind() {
        return PerEnvironment.rule("no job holds a scratch volume; scratch storage is deleted with its claim", m -> {
            m.workloads().stream().filter(Doc::runsToCompletion).forEach(w ->
                    assertThat(Doc.list(w.podSpec(), "volumes")).as(w.name()).noneMatch(v -> v.containsKey("ephemeral")));
            assertThat(m.get("StorageClass", Storage.STANDARD_SSD.className).at("reclaimPolicy")).isEqualTo("Delete");
            assertThat(m.get("StorageClass", Storage.FAST_SSD.className).at("reclaimPolicy")).isEqualTo("Retain");
        });
    }

    /** Defect: nothing ran the migrations in the cluster, nor set the service roles' passwords. */
    @TestFactory
    Stream<DynamicNode> theSchemaIsMigratedAfterTheDataTierAndBeforeTheServices() {
        return PerEnvironment.rule("db-migrate is an Argo CD Sync hook between the data tier's wave and the services'", m -> {
            Doc job = m.get("Job", Shop.DB_MIGRATE);
            Map<String, Object> annotations = job.map("metadata", "annotations");
            assertThat(annotations).containsEntry("argocd.argoproj.io/hook", "Sync")
                    .containsEntry(DatabaseJobs.SYNC_WAVE, DatabaseJobs.MIGRATION_WAVE);
            int migration = Integer.parseInt(DatabaseJobs.MIGRATION_WAVE);
            assertThat(Integer.parseInt(DatabaseJobs.DATA_TIER_WAVE)).isLessThan(migration);
            assertThat(migration).as("services sync in the default wave 0, after it").isLessThan(0);
            m.documents().stream().filter(d -> d.file().startsWith("data")).forEach(d ->
                    assertThat(d.map("metadata", "annotations")).as(d.kind() + " " + d.name())
                            .containsEntry(DatabaseJobs.SYNC_WAVE, DatabaseJobs.DATA_TIER_WAVE));
            List<Map<String, Object>> env = Doc.list(Doc.list(job.podSpec(), "containers").get(0), "env");
            for (var service : ConnectionBudget.databaseServices(m.target().platform())) {
                assertThat(env).as("the password %s's role gets, from its own Secret", service.name())
                        .anyMatch(e -> Migrate.rolePasswordVariable(service.name()).equals(e.get("name"))
                                && (service.name() + "-credentials").equals(Doc.at(e, "valueFrom", "secretKeyRef", "name")));
            }
            assertThat(env).anyMatch(e -> "SHOP_DB_URL".equals(e.get("name"))
                    && e.get("value").toString().contains("targetServerType=primary"));
        });
    }

    /** Defect: partition-maintenance called a function that did not exist in the cluster (no migrations ran). */
    @TestFactory
    Stream<DynamicNode> partitionMaintenanceCallsTheMigratedFunction() {
        return PerEnvironment.rule("partition-maintenance runs data-tier's statement, which data-tier's tests run on a "
                + "migrated database", m -> assertThat(commands(m, "CronJob", Shop.PARTITION_MAINTENANCE).get(0))
                .contains(Maintenance.CREATE_PARTITIONS).first().asString().startsWith(DataTierFiles.PG_BIN));
    }

    /** Defect: the jobs reaching the bucket had no workload identity beyond the old backup job. */
    @TestFactory
    Stream<DynamicNode> everyoneReachingTheBucketActsAsItsGoogleServiceAccount() {
        return PerEnvironment.rule("members, backup jobs and the restore act as the Google accounts infra/ grants", m -> {
            for (String component : BackupBuckets.ACCESS.keySet()) {
                assertThat(m.get("ServiceAccount", component).map("metadata", "annotations"))
                        .containsEntry(Accounts.GOOGLE_SERVICE_ACCOUNT, m.target().site().googleServiceAccount(component));
            }
        });
    }

    /** Defects: DatabasePrimaryDown fired on zero primaries only; no alert watched the backups or the slots. */
    @TestFactory
    Stream<DynamicNode> databaseAlertsWatchPrimariesBackupsAndSlots() {
        return PerEnvironment.rule("the alerts fire on not exactly one primary, failed or missing backups, slot lag", m -> {
            String rules = m.get("PrometheusRule", Alerts.NAME).body().toString();
            assertThat(rules).contains("== 0) or vector(0)) != 1", "kube_cronjob_status_last_successful_time",
                    "cronjob=\"" + DatabaseJobs.FULL_BACKUP + "\"", "kube_job_status_failed",
                    "pg_replication_slot_safe_wal_size_bytes", "pg_replication_slot_slot_is_active",
                    "pg_stat_archiver_failed_count");
        });
    }

    /** Defect: the backup servers and the backup job read TLS Secrets that nothing created. */
    @TestFactory
    Stream<DynamicNode> theBackupTlsSecretsAreIssuedByCertManager() {
        return PerEnvironment.rule("cert-manager issues the backup servers' certificate for every member host the job "
                + "dials, and the job's client certificate under the one name the servers accept", m -> {
            Doc server = m.get("Certificate", Credentials.BACKUP_SERVER_TLS);
            Doc client = m.get("Certificate", Credentials.BACKUP_CLIENT_TLS);
            var postgres = m.target().platform().component(Shop.POSTGRES);
            assertThat(strings(server.at("spec", "dnsNames"))).containsExactlyElementsOf(IntStream
                    .range(0, m.target().instances(postgres)).mapToObj(i -> ClusterTopology.memberHost(m.target(), i)).toList());
            assertThat(strings(server.at("spec", "usages"))).contains("server auth");
            assertThat(client.at("spec", "commonName")).isEqualTo(Credentials.BACKUP_CLIENT);
            assertThat(strings(client.at("spec", "usages"))).contains("client auth");
            // Both are signed by the namespace's CA, whose Secret a self-signed Certificate creates.
            assertThat(server.at("spec", "issuerRef", "name")).isEqualTo(client.at("spec", "issuerRef", "name"));
            String caSecret = (String) m.get("Issuer", (String) server.at("spec", "issuerRef", "name")).at("spec", "ca", "secretName");
            Doc ca = m.get("Certificate", caSecret);
            assertThat(ca.at("spec", "isCA")).isEqualTo(true);
            assertThat(m.get("Issuer", (String) ca.at("spec", "issuerRef", "name")).map("spec")).containsKey("selfSigned");
        });
    }

    /**
     * Defect: OpenSearch was started past the image's entrypoint (which alone applied DISABLE_SECURITY_PLUGIN) and
     * wrote its keystore into a config folder on the read-only root filesystem.
     */
    @TestFactory
    Stream<DynamicNode> searchStartsOnAReadOnlyRootFilesystem() {
        return PerEnvironment.rule("OpenSearch runs with its config in the pod's writable scratch space, the rendered "
                + "opensearch.yml over the image's, security settled in that file", m -> {
            Doc search = m.get("StatefulSet", Shop.SEARCH);
            Map<String, Object> c = Doc.list(search.podSpec(), "containers").get(0);
            List<Map<String, Object>> env = Doc.list(c, "env");
            String conf = env.stream().filter(e -> "OPENSEARCH_PATH_CONF".equals(e.get("name"))).findFirst()
                    .orElseThrow().get("value").toString();
            assertThat(conf).startsWith("/tmp/");
            assertThat(Doc.list(c, "volumeMounts")).anyMatch(v -> "/tmp".equals(v.get("mountPath")))
                    .noneMatch(v -> v.containsKey("subPath"));
            assertThat(env).noneMatch(e -> e.get("name").toString().startsWith("DISABLE_"));
            String command = c.get("command").toString();
            assertThat(command).contains("cp -R /usr/share/opensearch/config/.", "exec /usr/share/opensearch/bin/opensearch");
            String yml = m.get("ConfigMap", Shop.SEARCH + "-config").map("data").get("opensearch.yml").toString();
            assertThat(yml).contains("\nplugins.security.disabled: true\n", "No authentication, plainly");
        });
    }

    /** Defect: redis.sh ran redis-server in the background of a shell that, as PID 1, ignored SIGTERM. */
    @TestFactory
    Stream<DynamicNode> redisReceivesSigtermItself() {
        return PerEnvironment.rule("redis.sh ends by exec'ing redis-server, so the server is PID 1", m -> {
            String script = m.get("ConfigMap", Shop.REDIS + "-config").map("data").get("redis.sh").toString().strip();
            String last = script.substring(script.lastIndexOf("\nexec ") + 1);
            assertThat(last).startsWith("exec redis-server ").doesNotContain("&");
            assertThat(script).doesNotContain("wait \"$server\"");
        });
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(Object::toString).toList();
    }

    private static List<List<String>> commands(Manifests m, String kind, String name) {
        return Doc.list(m.get(kind, name).podSpec(), "containers").stream()
                .filter(c -> c.get("command") != null)
                .map(c -> ((List<?>) c.get("command")).stream().map(Object::toString).toList()).toList();
    }
}
