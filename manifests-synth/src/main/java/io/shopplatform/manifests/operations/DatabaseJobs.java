package io.shopplatform.manifests.operations;

import static io.shopplatform.manifests.workloads.Pods.secretEnv;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.Template;
import io.shopplatform.manifests.data.Postgres;
import io.shopplatform.manifests.data.Storage;
import io.shopplatform.manifests.rbac.Accounts;
import io.shopplatform.manifests.workloads.Endpoints;
import io.shopplatform.manifests.workloads.PodSecurity;
import io.shopplatform.manifests.workloads.Pods;
import io.shopplatform.model.BackupBuckets;
import io.shopplatform.model.BackupPolicy;
import io.shopplatform.model.Component;
import io.shopplatform.model.Image;
import io.shopplatform.model.Shop;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus25.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus25.k8s.Container;
import org.cdk8s.plus25.k8s.CronJobSpec;
import org.cdk8s.plus25.k8s.EnvVar;
import org.cdk8s.plus25.k8s.EphemeralVolumeSource;
import org.cdk8s.plus25.k8s.JobSpec;
import org.cdk8s.plus25.k8s.JobTemplateSpec;
import org.cdk8s.plus25.k8s.KubeConfigMap;
import org.cdk8s.plus25.k8s.KubeConfigMapProps;
import org.cdk8s.plus25.k8s.KubeCronJob;
import org.cdk8s.plus25.k8s.KubeCronJobProps;
import org.cdk8s.plus25.k8s.PersistentVolumeClaimSpec;
import org.cdk8s.plus25.k8s.PersistentVolumeClaimTemplate;
import org.cdk8s.plus25.k8s.Quantity;
import org.cdk8s.plus25.k8s.ResourceRequirements;
import org.cdk8s.plus25.k8s.Volume;
import software.constructs.Construct;

/**
 * The database's scheduled work: monthly partitions created ahead of time, a daily full base backup and WAL
 * archiving for point-in-time recovery, both uploaded to the environment's backup bucket.
 */
public final class DatabaseJobs extends Construct {
    /** Partitions exist this many months ahead, so a missed run or two never leaves an order without one. */
    static final int MONTHS_AHEAD = 3;
    static final Image UPLOADER = new Image("gcr.io/google.com/cloudsdktool/google-cloud-cli", "499.0.0-slim");
    static final String WAL_SLOT = "wal_archive";
    /** The uploader's variable holding the backup bucket's name. */
    public static final String BUCKET_ENV = "BACKUP_BUCKET";
    private static final int UID = 999;
    private static final String SCRATCH = "backup", SCRATCH_SIZE = "200Gi";

    public DatabaseJobs(Construct scope, Target target) {
        super(scope, "database-jobs");
        partitions(new Construct(this, Shop.PARTITION_MAINTENANCE), target);
        backups(new Construct(this, Shop.DB_BACKUP), target);
    }

    private static void partitions(Construct scope, Target target) {
        Component job = target.platform().component(Shop.PARTITION_MAINTENANCE);
        Component pgpool = target.platform().component(Shop.PGPOOL);
        String account = Accounts.serviceAccount(scope, target, job);
        Container psql = Pods.container(job.name(), job.image().orElseThrow(), job.resources(), List.of())
                .command(List.of("psql", "-v", "ON_ERROR_STOP=1",
                        "-h", target.host(pgpool.name()), "-p", String.valueOf(pgpool.mainPort().number()),
                        "-U", Postgres.SUPERUSER, "-d", Endpoints.DATABASE,
                        "-c", "SELECT orders.create_partitions(" + MONTHS_AHEAD + ")"))
                .env(List.of(secretEnv("PGPASSWORD", Postgres.CREDENTIALS, Postgres.SUPERUSER_PASSWORD)))
                .build();
        cronJob(scope, target, job, job.name(), job.schedule().orElseThrow(),
                Pods.Props.builder(target, job).serviceAccount(account).uid(UID).containers(List.of(psql))
                        .lifetime(Pods.Lifetime.RUNS_TO_COMPLETION).build());
    }

    private static void backups(Construct scope, Target target) {
        Component job = target.platform().component(Shop.DB_BACKUP);
        BackupPolicy policy = target.platform().backups();
        String account = Accounts.serviceAccount(scope, target, job,
                Map.of(Accounts.GOOGLE_SERVICE_ACCOUNT, target.site().googleServiceAccount(job.name())));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("superuser", Postgres.SUPERUSER);
        v.put("slot", WAL_SLOT);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(Postgres.PRIMARY_LOOKUP, Postgres.primaryLookup(target));
        files.put("base-backup.sh", Template.render(DatabaseJobs.class, "base-backup.sh", v));
        files.put("wal-archive.sh", Template.render(DatabaseJobs.class, "wal-archive.sh", v));
        // The bucket's lifecycle (infra/) keys on these prefixes: base backups under backups/, WAL under logs/.
        v.put("prefix", BackupBuckets.BACKUPS_PREFIX + target.namespace() + "/base");
        files.put("upload-base.sh", Template.render(DatabaseJobs.class, "upload.sh", v));
        v.put("prefix", BackupBuckets.LOGS_PREFIX + target.namespace() + "/wal");
        files.put("upload-wal.sh", Template.render(DatabaseJobs.class, "upload.sh", v));
        String config = job.name() + "-config";
        new KubeConfigMap(scope, "config", KubeConfigMapProps.builder()
                .metadata(Meta.meta(target, job, config)).data(files).build());

        cronJob(scope, target, job, job.name(), policy.fullBackupCron(), backupPod(target, job, account, config, "base"));
        // WAL is shipped at least as often as the recovery point objective allows data to be lost.
        Duration every = policy.incrementalEvery().compareTo(policy.rpo()) < 0 ? policy.incrementalEvery() : policy.rpo();
        cronJob(scope, target, job, job.name() + "-wal", "0 */" + every.toHours() + " * * *",
                backupPod(target, job, account, config, "wal"));
    }

    /** The database image takes the backup into a scratch volume; the Cloud SDK image uploads it. */
    private static Pods.Props backupPod(Target target, Component job, String account, String config, String kind) {
        List<org.cdk8s.plus25.k8s.VolumeMount> mounts = List.of(PodSecurity.mount(SCRATCH, "/backup"),
                PodSecurity.readOnly("config", "/config"));
        Container backup = Pods.container(kind + "-backup", job.image().orElseThrow(), job.resources(), mounts)
                .command(List.of("/config/" + (kind.equals("base") ? "base-backup.sh" : "wal-archive.sh")))
                .env(List.of(secretEnv("PGPASSWORD", Postgres.CREDENTIALS, Postgres.SUPERUSER_PASSWORD)))
                .build();
        Container upload = Pods.container("upload", UPLOADER, job.resources(), mounts)
                .command(List.of("/config/upload-" + kind + ".sh"))
                .env(List.of(
                        // infra/ names the bucket by the same derivation, so nothing hands it over at run time.
                        EnvVar.builder().name(BUCKET_ENV).value(target.site().backupBuckets().primary()).build(),
                        // The SDK writes its state under its config directory; the root filesystem is read-only.
                        EnvVar.builder().name("CLOUDSDK_CONFIG").value("/tmp/gcloud").build()))
                .build();
        List<Volume> volumes = List.of(
                Volume.builder().name("config").configMap(ConfigMapVolumeSource.builder().name(config)
                        .defaultMode(0555).build()).build(),
                // A backup is as large as the database: it gets a disk of its own (standard SSD, the seed's
                // class for scratch data) that lives and dies with the pod.
                Volume.builder().name(SCRATCH).ephemeral(EphemeralVolumeSource.builder()
                        .volumeClaimTemplate(PersistentVolumeClaimTemplate.builder().spec(PersistentVolumeClaimSpec.builder()
                                .accessModes(List.of("ReadWriteOnce"))
                                .storageClassName(Storage.STANDARD_SSD.className)
                                .resources(ResourceRequirements.builder()
                                        .requests(Map.of("storage", Quantity.fromString(SCRATCH_SIZE))).build())
                                .build()).build())
                        .build()).build());
        return Pods.Props.builder(target, job).serviceAccount(account).uid(UID).initContainers(List.of(backup))
                .containers(List.of(upload)).volumes(volumes).lifetime(Pods.Lifetime.RUNS_TO_COMPLETION).build();
    }

    private static void cronJob(Construct scope, Target target, Component job, String name, String schedule,
                                Pods.Props pod) {
        new KubeCronJob(scope, name, KubeCronJobProps.builder()
                .metadata(Meta.meta(name, target.namespace(), Meta.labels(job, name)))
                .spec(CronJobSpec.builder()
                        .schedule(schedule)
                        .timeZone("Etc/UTC")
                        .concurrencyPolicy("Forbid")
                        .startingDeadlineSeconds(600)
                        .successfulJobsHistoryLimit(3)
                        .failedJobsHistoryLimit(3)
                        .jobTemplate(JobTemplateSpec.builder().spec(JobSpec.builder()
                                .backoffLimit(2)
                                .template(Pods.template(pod))
                                .build()).build())
                        .build())
                .build());
    }
}
