package io.shopplatform.model;

import java.time.Duration;

/**
 * What the database is held to: read and write latency (the query timers' SLO buckets) and how soon PgPool must
 * notice a failed primary (health-check period, the alert's hold time).
 */
public record DatabaseTargets(QueryLatency read, QueryLatency write, Duration failoverDetection) {

    public DatabaseTargets {
        Checks.required(read, "read latency");
        Checks.required(write, "write latency");
        Checks.positive(failoverDetection, "failover detection");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private QueryLatency read, write;
        private Duration failoverDetection;

        private Builder() {}

        public Builder read(QueryLatency value) { read = value; return this; }
        public Builder write(QueryLatency value) { write = value; return this; }
        public Builder failoverDetection(Duration value) { failoverDetection = value; return this; }

        public DatabaseTargets build() {
            return new DatabaseTargets(read, write, failoverDetection);
        }
    }
}
