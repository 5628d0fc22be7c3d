package io.shopplatform.manifests.operations;

import static io.shopplatform.manifests.workloads.Pods.secretEnv;

import io.shopplatform.datatier.DataTierFiles;
import io.shopplatform.datatier.Maintenance;
import io.shopplatform.datatier.Migrate;
import io.shopplatform.datatier.Roles;
import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.data.ClusterTopology;
import io.shopplatform.manifests.data.Postgres;
import io.shopplatform.manifests.data.StatefulServer;
import io.shopplatform.manifests.rbac.Accounts;
import io.shopplatform.manifests.workloads.Endpoints;
import io.shopplatform.manifests.workloads.PodSecurity;
import io.shopplatform.manifests.workloads.Pods;
import io.shopplatform.model.BackupPolicy;
import io.shopplatform.model.Component;
import io.shopplatform.model.ConnectionBudget;
import io.shopplatform.model.Shop;
import io.shopplatform.datatier.Credentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.cdk8s.plus25.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus25.k8s.Container;
import org.cdk8s.plus25.k8s.CronJobSpec;
import org.cdk8s.plus25.k8s.EnvVar;
import org.cdk8s.plus25.k8s.JobSpec;
import org.cdk8s.plus25.k8s.JobTemplateSpec;
import org.cdk8s.plus25.k8s.KubeConfigMap;
import org.cdk8s.plus25.k8s.KubeConfigMapProps;
import org.cdk8s.plus25.k8s.KubeCronJob;
import org.cdk8s.plus25.k8s.KubeCronJobProps;
import org.cdk8s.plus25.k8s.KubeJob;
import org.cdk8s.plus25.k8s.KubeJobProps;
import org.cdk8s.plus25.k8s.ObjectMeta;
import org.cdk8s.plus25.k8s.PersistentVolumeClaimVolumeSource;
import org.cdk8s.plus25.k8s.SecretVolumeSource;
import org.cdk8s.plus25.k8s.Volume;
import software.constructs.Construct;

/**
 * The database's own work: the schema migration before the services start (an Argo CD Sync hook), monthly
 * partitions created ahead of time, pgBackRest's full and incremental backups, and the restore an operator starts.
 * Every script is data-tier's, the same the local runner and its tests execute.
 */
public final class DatabaseJobs extends Construct {
    /** Argo CD applies the data tier first, then runs the migration, then everything else (wave 0). */
    public static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave", DATA_TIER_WAVE = "-2", MIGRATION_WAVE = "-1";
    /** The restore writes into this claim, which the runbook has the operator create for the restore at hand. */
    public static final String RESTORE_CLAIM = "db-restore";
    /** Full and incremental backups, by their CronJobs' names. */
    public static final String FULL_BACKUP = Maintenance.FULL_BACKUP, INCREMENTAL_BACKUP = Maintenance.INCREMENTAL_BACKUP;
    private static final int UID = 999;
    /** The migration image's user (Jib's default non-root user). */
    private static final int MIGRATE_UID = 1000;

    public DatabaseJobs(Construct scope, Target target) {
        super(scope, "database-jobs");
        migration(new Construct(this, Shop.DB_MIGRATE), target);
        partitions(new Construct(this, Shop.PARTITION_MAINTENANCE), target);
        backups(new Construct(this, Shop.DB_BACKUP), target);
        restore(new Construct(this, Shop.DB_RESTORE), target);
    }

    /**
     * db-schema's migrations and the service roles' passwords, straight on whichever member is primary, before any
     * service starts: a Sync hook between the data tier's wave and the services'. Each role gets the password its
     * service is configured with, from that service's own Secret.
     */
    private static void migration(Construct scope, Target target) {
        Component task = target.platform().component(Shop.DB_MIGRATE);
        String account = Accounts.serviceAccount(scope, target, task);
        List<EnvVar> env = new ArrayList<>(List.of(
                EnvVar.builder().name("SHOP_DB_URL").value(Endpoints.plainValues(target, task.name()).get("SHOP_DB_URL")).build(),
                EnvVar.builder().name("SHOP_DB_USER").value(Roles.SUPERUSER).build(),
                secretEnv("SHOP_DB_PASSWORD", Postgres.CREDENTIALS, Postgres.SUPERUSER_PASSWORD)));
        for (Component service : ConnectionBudget.databaseServices(target.platform())) {
            env.add(secretEnv(Migrate.rolePasswordVariable(service.name()), service.name() + "-credentials", "SHOP_DB_PASSWORD"));
        }
        // The image's entry point is Migrate's main (a Jib image of data-tier).
        Container migrate = Pods.container(task.name(), task.image().orElseThrow(), task.resources(), List.of()).env(env).build();
        new KubeJob(scope, "job", KubeJobProps.builder()
                .metadata(ObjectMeta.builder().name(task.name()).namespace(target.namespace())
                        .labels(Meta.labels(task, task.name()))
                        .annotations(new TreeMap<>(Map.of("argocd.argoproj.io/hook", "Sync",
                                "argocd.argoproj.io/hook-delete-policy", "BeforeHookCreation",
                                SYNC_WAVE, MIGRATION_WAVE)))
                        .build())
                .spec(JobSpec.builder().backoffLimit(5).activeDeadlineSeconds(900)
                        .template(Pods.template(Pods.Props.builder(target, task).serviceAccount(account)
                                .uid(MIGRATE_UID).containers(List.of(migrate)).lifetime(Pods.Lifetime.RUNS_TO_COMPLETION)
                                .build()))
                        .build())
                .build());
    }

    private static void partitions(Construct scope, Target target) {
        Component job = target.platform().component(Shop.PARTITION_MAINTENANCE);
        Component pgpool = target.platform().component(Shop.PGPOOL);
        String account = Accounts.serviceAccount(scope, target, job);
        Container psql = Pods.container(job.name(), job.image().orElseThrow(), job.resources(), List.of())
                .command(List.of(DataTierFiles.PG_BIN + "/psql", "-X", "-v", "ON_ERROR_STOP=1",
                        "-h", target.host(pgpool.name()), "-p", String.valueOf(pgpool.mainPort().number()),
                        "-U", Roles.SUPERUSER, "-d", Roles.DATABASE, "-c", Maintenance.CREATE_PARTITIONS))
                .env(List.of(secretEnv("PGPASSWORD", Postgres.CREDENTIALS, Postgres.SUPERUSER_PASSWORD)))
                .build();
        cronJob(scope, target, job, job.name(), job.schedule().orElseThrow(), false,
                Pods.Props.builder(target, job).serviceAccount(account).uid(UID).containers(List.of(psql))
                        .lifetime(Pods.Lifetime.RUNS_TO_COMPLETION).build());
    }

    /**
     * pgBackRest's backups: full on the model's schedule, incremental in between. pgBackRest reads the primary through
     * the members' backup servers and streams into the bucket, so a job needs no scratch volume. A run that ends
     * well has also checked that WAL archiving works (backup.sh's last step).
     */
    private static void backups(Construct scope, Target target) {
        Component job = target.platform().component(Shop.DB_BACKUP);
        BackupPolicy policy = target.platform().backups();
        String account = Accounts.serviceAccount(scope, target, job);
        String config = job.name() + "-config";
        new KubeConfigMap(scope, "config", KubeConfigMapProps.builder()
                .metadata(Meta.meta(target, job, config)).data(ClusterTopology.files(target).backup()).build());
        List<Volume> volumes = List.of(
                Volume.builder().name(StatefulServer.CONFIG).configMap(ConfigMapVolumeSource.builder().name(config)
                        .defaultMode(0555).build()).build(),
                Volume.builder().name(StatefulServer.SECRETS).secret(SecretVolumeSource.builder()
                        .secretName(Credentials.BACKUP_CLIENT_TLS).defaultMode(0440).build()).build());
        for (String type : List.of("full", "incr")) {
            Container backup = Pods.container(job.name(), job.image().orElseThrow(), job.resources(), List.of(
                            PodSecurity.readOnly(StatefulServer.CONFIG, ClusterTopology.CONFIG),
                            PodSecurity.readOnly(StatefulServer.SECRETS, ClusterTopology.SECRETS)))
                    .command(List.of(ClusterTopology.CONFIG + "/" + DataTierFiles.BACKUP, type))
                    .env(List.of(EnvVar.builder().name("SECRETS_DIR").value(ClusterTopology.SECRETS).build()))
                    .build();
            boolean full = type.equals("full");
            cronJob(scope, target, job, full ? FULL_BACKUP : INCREMENTAL_BACKUP,
                    full ? policy.fullBackupCron() : incrementalCron(policy), false,
                    Pods.Props.builder(target, job).serviceAccount(account).uid(UID).containers(List.of(backup))
                            .volumes(volumes).lifetime(Pods.Lifetime.RUNS_TO_COMPLETION).build());
        }
    }

    /**
     * The restore, never scheduled: an operator creates a Job from this suspended CronJob (runbooks/), with the
     * target time in RESTORE_TARGET, after creating the claim {@value #RESTORE_CLAIM} to restore into.
     */
    private static void restore(Construct scope, Target target) {
        Component task = target.platform().component(Shop.DB_RESTORE);
        String account = Accounts.serviceAccount(scope, target, task);
        Component postgres = target.platform().component(Shop.POSTGRES);
        List<Volume> volumes = List.of(
                Volume.builder().name(StatefulServer.CONFIG).configMap(ConfigMapVolumeSource.builder()
                        .name(StatefulServer.configMap(postgres)).defaultMode(0555).build()).build(),
                Volume.builder().name(StatefulServer.DATA).persistentVolumeClaim(PersistentVolumeClaimVolumeSource.builder()
                        .claimName(RESTORE_CLAIM).build()).build());
        Container restore = Pods.container(task.name(), task.image().orElseThrow(), task.resources(), List.of(
                        PodSecurity.mount(StatefulServer.DATA, ClusterTopology.DATA_MOUNT),
                        PodSecurity.readOnly(StatefulServer.CONFIG, ClusterTopology.CONFIG)))
                .command(List.of(ClusterTopology.CONFIG + "/" + DataTierFiles.RESTORE))
                .env(List.of(EnvVar.builder().name("PGDATA").value(ClusterTopology.PGDATA).build(),
                        EnvVar.builder().name("RESTORE_TARGET").value("").build(),
                        secretEnv(Credentials.SUPERUSER_PASSWORD, Postgres.CREDENTIALS, Postgres.SUPERUSER_PASSWORD)))
                .build();
        cronJob(scope, target, task, task.name(), "0 0 1 1 *", true, Pods.Props.builder(target, task)
                .serviceAccount(account).uid(UID).containers(List.of(restore)).volumes(volumes)
                .lifetime(Pods.Lifetime.RUNS_TO_COMPLETION).build());
    }

    /** Incrementals every {@code incrementalEvery} through the day, never at the full backup's hour. */
    static String incrementalCron(BackupPolicy policy) {
        String[] full = policy.fullBackupCron().trim().split("\\s+");
        int hour = Integer.parseInt(full[1]);
        int every = (int) Math.max(1, policy.incrementalEvery().toHours());
        String hours = IntStream.range(1, 24 / every).mapToObj(k -> Integer.toString((hour + k * every) % 24))
                .sorted((a, b) -> Integer.parseInt(a) - Integer.parseInt(b)).collect(Collectors.joining(","));
        return full[0] + " " + hours + " * * *";
    }

    private static void cronJob(Construct scope, Target target, Component job, String name, String schedule,
                                boolean suspended, Pods.Props pod) {
        new KubeCronJob(scope, name, KubeCronJobProps.builder()
                .metadata(Meta.meta(name, target.namespace(), Meta.labels(job, name)))
                .spec(CronJobSpec.builder()
                        .schedule(schedule)
                        .suspend(suspended)
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
