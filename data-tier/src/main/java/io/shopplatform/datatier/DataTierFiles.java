package io.shopplatform.datatier;

import io.shopplatform.model.ServerVersions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Every file the data tier's processes run or read, rendered for one sizing and one topology: the cluster puts them
 * into ConfigMaps (manifests-synth), the local runner into folders under its state directory (platform-local).
 * Scripts are identical in both; only {@code topology.sh} and the configuration files name addresses, ports and
 * paths. Each component's files are mounted (or written) into one folder, which the scripts find beside themselves.
 */
public final class DataTierFiles {

    /** Where the programs are: Debian's packages, locally and in the data-tier image. */
    public static final String PG_BIN = "/usr/lib/postgresql/" + ServerVersions.POSTGRESQL_MAJOR + "/bin",
            PGPOOL_BIN = "/usr/sbin", PGBACKREST = "/usr/bin/pgbackrest";

    /** Entry points, by file name. */
    public static final String MEMBER = "member.sh", BACKUP_SERVER = "backup-server.sh", RESTORE = "restore.sh",
            PGPOOL = "pgpool.sh", BACKUP = "backup.sh";

    private final Sizing sizing;
    private final Topology topology;

    public DataTierFiles(Sizing sizing, Topology topology) {
        this.sizing = sizing;
        this.topology = topology;
        if (topology.members().size() != sizing.members() || topology.poolers().size() != sizing.poolers()) {
            throw new IllegalArgumentException("topology has " + topology.members().size() + " members and "
                    + topology.poolers().size() + " poolers; the sizing is for " + sizing.members() + " and "
                    + sizing.poolers());
        }
    }

    /** A member's files: its entry point, its backup server's, the restore's, and the configuration they read. */
    public Map<String, String> postgres() {
        Map<String, Object> v = common();
        v.put("max_connections", sizing.maxConnections());
        v.put("superuser_reserved", Sizing.SUPERUSER_RESERVED);
        v.put("shared_buffers_mb", sizing.sharedBuffersMb());
        v.put("effective_cache_mb", sizing.effectiveCacheMb());
        v.put("wal_senders", sizing.walSenders());
        v.put("replication_slots", sizing.replicationSlots());
        v.put("max_slot_wal_keep_size_mb", sizing.maxSlotWalKeepSizeMb());
        v.put("wal_keep_size_mb", Math.min(1024, sizing.maxSlotWalKeepSizeMb() / 4));
        v.put("quorum", sizing.quorum());
        v.put("synchronous_standby_names", sizing.synchronousStandbyNames(topology));
        v.put("archive_timeout_s", sizing.archiveTimeout().toSeconds());
        v.put("archive_push_timeout_s", 60);
        v.put("slow_query_ms", sizing.slowQuery().toMillis());
        v.put("full_backups_kept", sizing.fullBackupsKept());
        v.put("repository", topology.repository().settings());
        v.put("backup_client", Credentials.BACKUP_CLIENT);
        Map<String, String> files = scripts();
        files.put(MEMBER, render("postgres/" + MEMBER, v));
        files.put(BACKUP_SERVER, render("postgres/" + BACKUP_SERVER, v));
        files.put(RESTORE, render("postgres/" + RESTORE, v));
        for (String f : List.of("postgresql.conf", "pg_hba.conf", "pgbackrest.conf")) {
            files.put(f, render("postgres/" + f, v));
        }
        return files;
    }

    /** A PgPool's files: its entry point, the failover and follow-primary scripts, and its configuration. */
    public Map<String, String> pgpool() {
        Map<String, Object> v = common();
        Sizing.HealthChecks h = sizing.healthChecks();
        v.put("children", sizing.connections().childrenPerPooler());
        v.put("max_pool", sizing.connections().connectionsPerChild());
        // Replication lag only steers read balancing (delay_threshold): the health check's period is often enough.
        v.put("sr_check_period_s", h.period().toSeconds());
        v.put("delay_threshold_bytes", 10 * 1024 * 1024);
        v.put("auto_failback_interval_s", 10);
        v.put("health_check_period_s", h.period().toSeconds());
        v.put("health_check_timeout_s", h.timeout().toSeconds());
        v.put("health_check_retries", h.retries());
        v.put("health_check_retry_delay_s", h.retryDelay().toSeconds());
        v.put("connect_timeout_ms", h.timeout().toMillis());
        v.put("detection_worst_s", h.worstDetection().toSeconds());
        v.put("search_primary_timeout_s", 30);
        v.put("wd_interval_s", 2);
        v.put("wd_heartbeat_keepalive_s", 1);
        v.put("wd_heartbeat_deadtime_s", 10);
        v.put("watchdog_nodes", watchdogNodes());
        v.put("backends", backends());
        Map<String, String> files = scripts();
        for (String f : List.of(PGPOOL, "failover.sh", "follow_primary.sh", "pgpool.conf", "pool_hba.conf")) {
            files.put(f, render("pgpool/" + f, v));
        }
        return files;
    }

    /** The backup job's files: its entry point and its view of the repository and of every member. */
    public Map<String, String> backup() {
        Map<String, Object> v = common();
        v.put("repository", topology.repository().settings());
        v.put("full_backups_kept", sizing.fullBackupsKept());
        v.put("members", backupMembers());
        Map<String, String> files = scripts();
        files.put(BACKUP, render("backup/" + BACKUP, v));
        files.put("backup-job.conf", render("backup/backup-job.conf", v));
        return files;
    }

    /** What every script sources: lib.sh and the topology. */
    private Map<String, String> scripts() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("lib.sh", render("common/lib.sh", Map.of()));
        files.put("topology.sh", render("common/topology.sh", common()));
        return files;
    }

    private Map<String, Object> common() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("members", topology.members().stream().map(Topology.Member::name).collect(Collectors.joining(" ")));
        v.put("bootstrap_member", topology.members().get(0).name());
        v.put("failover_grace_s", sizing.failoverDetection().toSeconds());
        v.put("member_table", topology.members().stream().map(m -> String.join("\n",
                "member_pod_" + m.name() + "=\"" + m.pod() + "\"",
                "member_host_" + m.name() + "=\"" + m.host() + "\"",
                "member_listen_" + m.name() + "=\"" + m.listen() + "\"",
                "member_port_" + m.name() + "=" + m.port(),
                "member_backup_port_" + m.name() + "=" + m.backupPort())).collect(Collectors.joining("\n")));
        v.put("poolers", IntStream.range(0, topology.poolers().size()).mapToObj(Integer::toString)
                .collect(Collectors.joining(" ")));
        v.put("pooler_table", IntStream.range(0, topology.poolers().size()).mapToObj(i -> {
            Topology.Pooler p = topology.poolers().get(i);
            return String.join("\n",
                    "pooler_pod_" + i + "=\"" + p.pod() + "\"",
                    "pooler_host_" + i + "=\"" + p.host() + "\"",
                    "pooler_listen_" + i + "=\"" + p.listen() + "\"",
                    "pooler_port_" + i + "=" + p.port(),
                    "pooler_pcp_port_" + i + "=" + p.pcpPort());
        }).collect(Collectors.joining("\n")));
        v.put("superuser", Roles.SUPERUSER);
        v.put("replication_user", Roles.REPLICATION_USER);
        v.put("database", Roles.DATABASE);
        v.put("pcp_user", Roles.PCP_USER);
        v.put("stanza", Roles.STANZA);
        v.put("pg_bin", PG_BIN);
        v.put("pgpool_bin", PGPOOL_BIN);
        v.put("pgbackrest", PGBACKREST);
        v.put("client_network", topology.clientNetwork());
        return v;
    }

    private String watchdogNodes() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < topology.poolers().size(); i++) {
            Topology.Pooler p = topology.poolers().get(i);
            b.append("hostname").append(i).append(" = '").append(p.host()).append("'\n")
                    .append("wd_port").append(i).append(" = ").append(p.watchdogPort()).append('\n')
                    .append("pgpool_port").append(i).append(" = ").append(p.port()).append('\n')
                    .append("heartbeat_hostname").append(i).append(" = '").append(p.host()).append("'\n")
                    .append("heartbeat_port").append(i).append(" = ").append(p.heartbeatPort()).append('\n')
                    .append("heartbeat_device").append(i).append(" = ''\n");
        }
        return b.toString();
    }

    private String backends() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < topology.members().size(); i++) {
            Topology.Member m = topology.members().get(i);
            b.append("backend_hostname").append(i).append(" = '").append(m.host()).append("'\n")
                    .append("backend_port").append(i).append(" = ").append(m.port()).append('\n')
                    .append("backend_weight").append(i).append(" = 1\n")
                    .append("backend_flag").append(i).append(" = 'ALLOW_TO_FAILOVER'\n")
                    // PgPool matches standbys in pg_stat_replication by this name (member.sh's cluster_name).
                    .append("backend_application_name").append(i).append(" = '").append(m.name()).append("'\n");
        }
        return b.toString();
    }

    private String backupMembers() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < topology.members().size(); i++) {
            Topology.Member m = topology.members().get(i);
            String pg = "pg" + (i + 1);
            b.append(pg).append("-host=").append(m.host()).append('\n')
                    .append(pg).append("-host-type=tls\n")
                    .append(pg).append("-host-port=").append(m.backupPort()).append('\n')
                    .append(pg).append("-host-config=").append(m.configDir()).append("/pgbackrest.conf\n")
                    .append(pg).append("-path=").append(m.dataDir()).append('\n')
                    .append(pg).append("-port=").append(m.port()).append('\n')
                    .append(pg).append("-socket-path=").append(m.socketDir()).append('\n')
                    .append(pg).append("-user=").append(Roles.SUPERUSER).append('\n');
        }
        return b.toString();
    }

    private static String render(String resource, Map<String, ?> values) {
        return Template.render(DataTierFiles.class, resource, values);
    }
}
