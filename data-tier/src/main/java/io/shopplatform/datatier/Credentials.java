package io.shopplatform.datatier;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The secret files the data tier's processes read from {@code SECRETS_DIR}: in the cluster the keys of the Secrets
 * named here (created outside the manifests, see manifests-synth/README.md), locally files the runner generates.
 * The formats are made here, once, for both.
 */
public final class Credentials {

    /** PgPool's Secret: pool_passwd, pcp.conf, pgpass, pcppass, wd_authkey. */
    public static final String PGPOOL_SECRET = "pgpool-credentials";
    public static final String POOL_PASSWD = "pool_passwd", PCP_CONF = "pcp.conf", PGPASS = "pgpass",
            PCPPASS = "pcppass", WATCHDOG_KEY = "wd_authkey";
    /** The members' backup servers' certificate, and the backup job's client certificate (cert-manager's keys). */
    public static final String BACKUP_SERVER_TLS = "pgbackrest-server-tls", BACKUP_CLIENT_TLS = "pgbackrest-client-tls";
    public static final String CA = "ca.crt", CERTIFICATE = "tls.crt", KEY = "tls.key";
    /** The common name of the backup job's client certificate, the only client a backup server accepts. */
    public static final String BACKUP_CLIENT = "db-backup";

    /** The pod variables holding the superuser's and the replication role's passwords (postgres-credentials). */
    public static final String SUPERUSER_PASSWORD = "SUPERUSER_PASSWORD", REPLICATION_PASSWORD = "REPLICATION_PASSWORD";

    private Credentials() {}

    /** Every login PgPool accepts, in clear text (prefix TEXT): SCRAM between client and PgPool needs them. */
    public static String poolPasswd(Map<String, String> passwordsByRole) {
        return passwordsByRole.entrySet().stream().map(e -> e.getKey() + ":TEXT" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** PCP's user file: the user and the MD5 of its password. */
    public static String pcpConf(String pcpPassword) {
        return Roles.PCP_USER + ":" + md5(pcpPassword) + "\n";
    }

    /** The password file PCP clients read (the follow-primary script attaching nodes). */
    public static String pcpPass(String pcpPassword) {
        return "*:*:" + Roles.PCP_USER + ":" + escape(pcpPassword) + "\n";
    }

    /** The failover scripts' libpq password file: the superuser, on any member. */
    public static String pgPass(String superuserPassword) {
        return "*:*:*:" + Roles.SUPERUSER + ":" + escape(superuserPassword) + "\n";
    }

    private static String escape(String password) {
        return password.replace("\\", "\\\\").replace(":", "\\:");
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
