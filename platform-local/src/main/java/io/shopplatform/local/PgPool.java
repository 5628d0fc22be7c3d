package io.shopplatform.local;

import io.shopplatform.model.Platform;
import io.shopplatform.schema.ServiceSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PgPool-II in streaming-replication mode in front of the PostgreSQL nodes: pooling (the model's children and
 * connections per child), reads balanced over replicas, writes and everything after a write in a transaction
 * on the primary, health checks every second and the project's own failover and follow-primary scripts.
 */
final class PgPool {

    static final String NAME = "pgpool";
    static final String PCP_USER = "pcpadmin";

    private final Postgres postgres;
    private final Context context;
    private final Platform platform;

    PgPool(Context context, Postgres postgres, Platform platform) {
        this.context = context;
        this.postgres = postgres;
        this.platform = platform;
    }

    /** Login roles PgPool must know a password for: the owner and one role per service that talks to it. */
    Map<String, String> logins() {
        Map<String, String> logins = new LinkedHashMap<>();
        logins.put(Postgres.SUPERUSER, postgres.superuserPassword());
        for (ServiceSchemas.ServiceSchema s : ServiceSchemas.ALL) {
            logins.put(s.role(), rolePassword(s.service()));
        }
        return logins;
    }

    String rolePassword(String service) {
        return context.secrets().password("postgres.role." + service);
    }

    void up() {
        writeConfig();
        if (context.supervisor().running(NAME).isPresent()) {
            // Reload picks up new logins; nodes rebuilt since a failover are attached again.
            Host.tryExec(List.of("kill", "-HUP", context.supervisor().running(NAME).get().toString()), Map.of(), 10);
            attachRecoveredNodes();
        } else {
            context.supervisor().requireFree(NAME, context.layout().pgpoolPort());
            context.supervisor().requireFree(NAME + " (pcp)", context.layout().pcpPort());
            context.supervisor().start(NAME, List.of("pgpool", "-n", "-D", "-f", conf().toString(),
                    "-F", context.layout().secrets().resolve("pcp.conf").toString(),
                    "-a", context.layout().secrets().resolve("pool_hba.conf").toString()), Map.of(), context.layout().run());
        }
        context.supervisor().awaitReady(NAME, this::allNodesUp, Duration.ofSeconds(60));
    }

    private void attachRecoveredNodes() {
        try {
            for (Map<String, String> n : nodes()) {
                if ("down".equals(n.get("status")) && postgres.inRecovery("pg" + n.get("node_id")) != null) {
                    Host.exec(List.of("pcp_attach_node", "-h", "127.0.0.1", "-p", Integer.toString(context.layout().pcpPort()),
                            "-U", PCP_USER, "-n", n.get("node_id"), "-w"),
                            Map.of("PCPPASSFILE", context.layout().secrets().resolve("pcppass").toString()), 30);
                }
            }
        } catch (SQLException e) {
            throw new PlatformException("PgPool is running but does not answer: " + e.getMessage(), e);
        }
    }

    void down() {
        context.supervisor().stop(NAME, "INT", Duration.ofSeconds(30));
    }

    Connection connect(String user, String password, String database) throws SQLException {
        return Sql.connect(context.layout().pgpoolPort(), database, user, password);
    }

    /** PgPool's node table ({@code SHOW pool_nodes}). */
    List<Map<String, String>> nodes() throws SQLException {
        // PgPool answers its own SHOW commands only over the simple query protocol.
        try (Connection c = Sql.connect(context.layout().pgpoolPort(), Postgres.DATABASE + "?preferQueryMode=simple",
                Postgres.SUPERUSER, postgres.superuserPassword())) {
            return Sql.query(c, "SHOW pool_nodes");
        }
    }

    private boolean allNodesUp() {
        try {
            List<Map<String, String>> nodes = nodes();
            return nodes.size() == context.layout().postgresNodes().size()
                    && nodes.stream().allMatch(n -> "up".equals(n.get("status")))
                    && nodes.stream().filter(n -> "primary".equals(n.get("role"))).count() == 1;
        } catch (SQLException e) {
            return false;
        }
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        try {
            lines.add(String.format("  %-4s %-6s %-8s %-7s %-10s %s", "node", "port", "status", "role", "select_cnt",
                    "replication_delay"));
            for (Map<String, String> n : nodes()) {
                lines.add(String.format("  %-4s %-6s %-8s %-7s %-10s %s", "pg" + n.get("node_id"), n.get("port"),
                        n.get("status"), n.get("role"), n.get("select_cnt"), n.get("replication_delay")));
            }
        } catch (SQLException e) {
            lines.add("  (PgPool does not answer: " + e.getMessage() + ")");
        }
        return lines;
    }

    private Path conf() {
        return context.layout().secrets().resolve("pgpool.conf");
    }

    private void writeConfig() {
        Path scripts = context.layout().scripts();
        // The failover scripts run as the service user and log beside the servers.
        Files2.mkdirs(context.layout().logs());
        context.host().own(context.layout().logs());
        installScript("common.sh");
        installScript("failover.sh");
        installScript("follow_primary.sh");
        Host.writePrivate(scripts.resolve("cluster.env"), clusterEnv());

        StringBuilder backends = new StringBuilder();
        for (String node : context.layout().postgresNodes()) {
            int i = Integer.parseInt(node.substring(2));
            backends.append("""
                    backend_hostname%1$d = '127.0.0.1'
                    backend_port%1$d = %2$d
                    backend_weight%1$d = 1
                    backend_data_directory%1$d = '%3$s'
                    backend_flag%1$d = 'ALLOW_TO_FAILOVER'
                    backend_application_name%1$d = '%4$s'
                    """.formatted(i, context.layout().postgresPort(node), context.layout().pgData(node), node));
        }
        String failoverArgs = "%d %h %p %D %m %H %M %P %r %R";
        Host.writePrivate(conf(), """
                # Written by ./platform from the platform model.
                backend_clustering_mode = 'streaming_replication'
                listen_addresses = '127.0.0.1'
                port = %d
                socket_dir = '%s'
                pcp_listen_addresses = '127.0.0.1'
                pcp_port = %d
                pcp_socket_dir = '%s'
                pid_file_name = '%s'
                logdir = '%s'
                log_destination = 'stderr'
                log_min_messages = warning
                %s
                # Pooling: the seed's children and cached connections per child.
                num_init_children = %d
                max_pool = %d
                connection_cache = on

                # Authentication: clients and PgPool itself use SCRAM with the roles' passwords.
                enable_pool_hba = on
                pool_passwd = '%s'
                allow_clear_text_frontend_auth = off

                # Read/write split: reads go to replicas (any standby); after a write, the rest of the
                # transaction stays on the primary, so a transaction always reads its own writes.
                load_balance_mode = on
                database_redirect_preference_list = '.*:standby'
                disable_load_balance_on_write = 'transaction'
                statement_level_load_balance = off

                # Streaming-replication checks and health checks every second: a dead primary is noticed in ~1 s.
                sr_check_period = 1
                sr_check_user = '%s'
                sr_check_password = ''
                sr_check_database = 'postgres'
                delay_threshold = 10000000
                health_check_period = 1
                health_check_timeout = 2
                health_check_user = '%s'
                health_check_password = ''
                health_check_database = 'postgres'
                health_check_max_retries = 0
                connect_timeout = 2000
                failover_on_backend_error = on
                search_primary_node_timeout = 10
                detach_false_primary = on

                failover_command = '%s %s'
                follow_primary_command = '%s %s'
                """.formatted(context.layout().pgpoolPort(), context.layout().run(), context.layout().pcpPort(), context.layout().run(),
                context.layout().run().resolve("pgpool.self.pid"), context.layout().run(), backends,
                platform.pooling().children(), platform.pooling().connectionsPerChild(),
                context.layout().secrets().resolve("pool_passwd"), Postgres.SUPERUSER, Postgres.SUPERUSER,
                scripts.resolve("failover.sh"), failoverArgs, scripts.resolve("follow_primary.sh"), failoverArgs));

        Host.writePrivate(context.layout().secrets().resolve("pool_passwd"), logins().entrySet().stream()
                .map(e -> e.getKey() + ":TEXT" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        Host.writePrivate(context.layout().secrets().resolve("pool_hba.conf"),
                "host  all  all  127.0.0.1/32  scram-sha-256\n");
        String pcpPassword = context.secrets().password("pgpool.pcp");
        Host.writePrivate(context.layout().secrets().resolve("pcp.conf"), PCP_USER + ":" + md5(pcpPassword) + "\n");
        Host.writePrivate(context.layout().secrets().resolve("pcppass"),
                "127.0.0.1:" + context.layout().pcpPort() + ":" + PCP_USER + ":" + pcpPassword + "\n");
        context.host().own(context.layout().secrets());
        context.host().own(scripts);
        context.host().own(context.layout().run());
    }

    /** What the failover scripts need to know, sourced by them. */
    private String clusterEnv() {
        String nodes = context.layout().postgresNodes().stream()
                .map(n -> n.substring(2) + ":" + context.layout().postgresPort(n)).collect(Collectors.joining(" "));
        return """
                PG_BIN='%s'
                NODES='%s'
                SUPERUSER='%s'
                REPLICATION_USER='%s'
                PGPASSFILE='%s'
                PCPPASSFILE='%s'
                PCP_PORT='%d'
                PCP_USER='%s'
                PRIMARY_FILE='%s'
                LOG='%s'
                export PGPASSFILE PCPPASSFILE
                """.formatted(Host.PG_BIN, nodes, Postgres.SUPERUSER, Postgres.REPLICATION_USER, postgres.passfile(),
                context.layout().secrets().resolve("pcppass"), context.layout().pcpPort(), PCP_USER, context.layout().primaryFile(),
                context.layout().logs().resolve("failover.log"));
    }

    private void installScript(String name) {
        try (InputStream in = PgPool.class.getResourceAsStream(name)) {
            Host.writeExecutable(context.layout().scripts().resolve(name), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String md5(String s) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
