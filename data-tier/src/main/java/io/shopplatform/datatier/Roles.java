package io.shopplatform.datatier;

/** Names every script and configuration of the data tier uses (docs/contracts.md). */
public final class Roles {
    /** The database owner and superuser: migrations, PgPool's checks, pgBackRest, the failover scripts. */
    public static final String SUPERUSER = "shop_admin";
    /** The only role allowed to stream WAL and take base backups. */
    public static final String REPLICATION_USER = "replicator";
    public static final String DATABASE = "shop";
    /** PgPool's administration (PCP) user: the follow-primary script attaches nodes with it. */
    public static final String PCP_USER = "pcpadmin";
    /** pgBackRest's name for the cluster in the repository. */
    public static final String STANZA = "shop";

    private Roles() {}
}
