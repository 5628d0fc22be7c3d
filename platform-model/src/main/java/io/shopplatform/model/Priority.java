package io.shopplatform.model;

/**
 * Who the scheduler preempts first when nodes run short (a PriorityClass each). Losing the data tier or payment stops
 * every sale, so they go last; jobs are retried, so they go first and never push anything out themselves.
 */
public enum Priority {
    /** The data tier and payment. */
    CRITICAL("shop-critical", 1_000_000, true),
    /** The other services: they scale out and back, and their pods are interchangeable. */
    SERVING("shop-serving", 100_000, true),
    /** Jobs and tasks. */
    BATCH("shop-batch", 1_000, false);

    private final String className;
    private final int value;
    private final boolean preempts;

    Priority(String className, int value, boolean preempts) {
        this.className = className;
        this.value = value;
        this.preempts = preempts;
    }

    public String className() { return className; }
    public int value() { return value; }
    /** Whether its pods may push lower-priority pods off a node to be scheduled. */
    public boolean preempts() { return preempts; }

    /** The default of a kind: the data tier's servers are critical, services serve, jobs and tasks are batch. */
    static Priority of(Kind kind) {
        return switch (kind) {
            case DATABASE, POOLER, CACHE, BROKER, SEARCH -> CRITICAL;
            case SERVICE, EXTERNAL -> SERVING;
            case JOB, TASK -> BATCH;
        };
    }
}
