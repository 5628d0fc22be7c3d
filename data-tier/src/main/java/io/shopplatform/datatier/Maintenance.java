package io.shopplatform.datatier;

/** The database's scheduled maintenance, as the partition CronJob runs it (through PgPool, as the owner). */
public final class Maintenance {

    /** Order partitions exist this many months ahead, so a missed run or two never leaves an order without one. */
    public static final int MONTHS_AHEAD = 3;
    /** db-schema's function (V5__orders.sql); a test runs this statement on a freshly migrated database. */
    public static final String CREATE_PARTITIONS = "SELECT orders.create_partitions(" + MONTHS_AHEAD + ")";

    private Maintenance() {}
}
