package io.shopplatform.local.servers;

import io.shopplatform.datatier.Roles;
import io.shopplatform.local.database.DatabaseLogins;
import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.LocalMachine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's postgres_exporter beside one PostgreSQL member, as the cluster runs one beside each member's container:
 * what the database alerts read (which member is primary, archiving, slots). It connects as the superuser over
 * loopback; the password reaches it through its environment, off the command line.
 */
public final class PostgresExporter extends Exporter {

    public static final String BINARY = "prometheus-postgres-exporter";

    private final LocalMachine machine;
    private final DatabaseLogins logins;
    private final String member;

    public PostgresExporter(LocalMachine machine, DatabaseLogins logins, String member) {
        this.machine = machine;
        this.logins = logins;
        this.member = member;
    }

    public String member() {
        return member;
    }

    @Override
    public int port() {
        return machine.layout().postgresExporterPort(member);
    }

    @Override
    public String name() {
        return member + "-exporter";
    }

    /**
     * Debian's exporter (0.11) has no replication collector; the cluster's (0.17) reports the same two series from its
     * built-in one, by these names: which member is primary, and how far a standby's replay is behind.
     */
    static final String REPLICATION_QUERY = """
            pg_replication:
              query: "SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END AS is_replica, CASE WHEN NOT pg_is_in_recovery() THEN 0 ELSE GREATEST(0, EXTRACT(EPOCH FROM (now() - pg_last_xact_replay_timestamp()))) END AS lag_seconds"
              master: true
              metrics:
                - is_replica:
                    usage: "GAUGE"
                    description: "1 on a standby, 0 on the primary"
                - lag_seconds:
                    usage: "GAUGE"
                    description: "Seconds since the standby replayed its last transaction (0 on the primary)"
            """;

    @Override
    public void writeConfig() {
        // The connection comes from the environment; only the query file is written.
        Host.writePrivate(queries(), REPLICATION_QUERY);
        machine.host().own(queries());
    }

    private Path queries() {
        return machine.layout().config("postgres-exporter").resolve("queries.yaml");
    }

    @Override
    public void start() {
        String dsn = "postgresql://" + Roles.SUPERUSER + ":" + logins.superuser() + "@127.0.0.1:"
                + machine.layout().postgresPort(member) + "/postgres?sslmode=disable&connect_timeout=3";
        machine.supervisor().start(name(), List.of(BINARY, "--web.listen-address=127.0.0.1:" + port(),
                        "--extend.query-path=" + queries()),
                Map.of("DATA_SOURCE_NAME", dsn), machine.layout().run());
    }
}
