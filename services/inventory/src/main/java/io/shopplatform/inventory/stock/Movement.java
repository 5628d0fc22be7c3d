package io.shopplatform.inventory.stock;

/** What moved a SKU's quantities: the ledger's {@code event_type} (V7's check lists exactly these). */
public enum Movement {
    /** Goods arrived: on hand up. */
    RECEIVED,
    /** A count corrected on hand (shrinkage, a recount), by an admin with a reason. */
    ADJUSTED,
    /** An order holds units: reserved up. */
    RESERVED,
    /** The order gave its units back (compensation): reserved down. */
    RELEASED,
    /** Nobody confirmed in time; the sweeper gave the units back: reserved down. */
    EXPIRED,
    /** The order bought them: on hand and reserved down together. */
    COMMITTED
}
