package io.shopplatform.model;

/**
 * A business KPI's series, named once: the service that owns the event publishes it (Micrometer) and the dashboards
 * read it, so a board cannot ask for a metric nobody exports under that name.
 *
 * @param name        the meter's name as the service registers it
 * @param kind        a counter (Prometheus shows it as {@code <name>_total}) or a gauge
 * @param description what one increment (or the value) means, for the service's {@code # HELP} line
 */
public record BusinessMetric(String name, Kind kind, String description) {

    public enum Kind { COUNTER, GAUGE }


    /** Orders the checkout saga confirmed (paid, stock committed), counted once when the confirmation commits. */
    public static final BusinessMetric ORDERS_PLACED = new BusinessMetric("shop_orders_placed", Kind.COUNTER,
            "orders confirmed by the checkout saga (paid, stock committed)");
    /** Checkouts by {@link #RESULT}: {@link #PLACED} an order made (started), {@code replayed} an idempotent retry. */
    public static final BusinessMetric CHECKOUTS = new BusinessMetric("shop_order_checkouts", Kind.COUNTER,
            "checkouts by result: placed (an order made, its saga started), replayed (the same request again)");
    /** Carts by {@link #OUTCOME}: {@link #STARTED} (first item in), {@code checked_out} (ordered). */
    public static final BusinessMetric CARTS = new BusinessMetric("shop_order_carts", Kind.COUNTER,
            "carts by outcome: started (first item in), checked_out (ordered)");
    /** Payments by {@link #OUTCOME}, once each when it settles: {@link #AUTHORIZED} or {@code declined}. */
    public static final BusinessMetric PAYMENTS = new BusinessMetric("shop_payments", Kind.COUNTER,
            "payments by final outcome (authorized, declined), once each when it settles");
    /** Units that left stock for a confirmed order. */
    public static final BusinessMetric UNITS_SOLD = new BusinessMetric("shop_inventory_units_sold", Kind.COUNTER,
            "units that left stock for a confirmed order");
    /** Units on hand over every SKU: the database's figure, so every instance reports the same. */
    public static final BusinessMetric UNITS_ON_HAND = new BusinessMetric("shop_inventory_units_on_hand", Kind.GAUGE,
            "units on hand over every SKU, as the database holds them (every instance reports the same)");

    public static final String RESULT = "result";
    public static final String OUTCOME = "outcome";
    public static final String PLACED = "placed";
    public static final String STARTED = "started";
    public static final String AUTHORIZED = "authorized";

    /** The series Prometheus scrapes. */
    public String series() {
        return kind == Kind.COUNTER ? name + "_total" : name;
    }
}
