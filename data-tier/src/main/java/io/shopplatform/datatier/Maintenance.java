package io.shopplatform.datatier;

import io.shopplatform.model.Shop;

/** The database's scheduled maintenance: partitions (the CronJob runs them through PgPool, as the owner) and backups. */
public final class Maintenance {

    /** Order partitions exist this many months ahead, so a missed run or two never leaves an order without one. */
    public static final int MONTHS_AHEAD = 3;
    /** db-schema's function (V5__orders.sql); a test runs this statement on a freshly migrated database. */
    public static final String CREATE_PARTITIONS = "SELECT orders.create_partitions(" + MONTHS_AHEAD + ")";

    /** The backup CronJobs, by name: a full and an incremental pgBackRest backup (backup.sh full|incr). */
    public static final String FULL_BACKUP = Shop.DB_BACKUP + "-full", INCREMENTAL_BACKUP = Shop.DB_BACKUP + "-incr";

    private Maintenance() {}
}
