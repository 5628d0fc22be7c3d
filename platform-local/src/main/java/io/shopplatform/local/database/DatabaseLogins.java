package io.shopplatform.local.database;

import io.shopplatform.datatier.Roles;
import io.shopplatform.local.machine.Secrets;
import io.shopplatform.schema.ServiceSchemas;
import java.util.LinkedHashMap;
import java.util.Map;

/** The data tier's passwords, generated on first use and kept in the state folder (the cluster's Secrets). */
public final class DatabaseLogins {

    private final Secrets secrets;

    DatabaseLogins(Secrets secrets) {
        this.secrets = secrets;
    }

    public String superuser() {
        return secrets.password("postgres.superuser");
    }

    public String replication() {
        return secrets.password("postgres.replicator");
    }

    /** The password of a service's own role ({@code shop_<service>}). */
    public String role(String service) {
        return secrets.password("postgres.role." + service);
    }

    String pcp() {
        return secrets.password("pgpool.pcp");
    }

    String watchdogKey() {
        return secrets.password("pgpool.watchdog");
    }

    /** Every login PgPool accepts: the owner and one role per service. */
    Map<String, String> poolLogins() {
        Map<String, String> logins = new LinkedHashMap<>();
        logins.put(Roles.SUPERUSER, superuser());
        for (ServiceSchemas.ServiceSchema s : ServiceSchemas.ALL) {
            logins.put(s.role(), role(s.service()));
        }
        return logins;
    }
}
