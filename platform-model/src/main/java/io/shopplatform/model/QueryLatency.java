package io.shopplatform.model;

import java.time.Duration;

/** Latency targets of one kind of query: average, 95th and 99th percentile (the seed's "Database Performance"). */
public record QueryLatency(Duration average, Duration p95, Duration p99) {

    public QueryLatency {
        Checks.positive(average, "average");
        Checks.positive(p95, "p95");
        Checks.positive(p99, "p99");
        if (average.compareTo(p95) > 0 || p95.compareTo(p99) > 0) {
            throw new IllegalArgumentException("latency targets must satisfy average <= p95 <= p99, were "
                    + average + ", " + p95 + ", " + p99);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Duration average, p95, p99;

        private Builder() {}

        public Builder average(Duration value) { average = value; return this; }
        public Builder p95(Duration value) { p95 = value; return this; }
        public Builder p99(Duration value) { p99 = value; return this; }

        public QueryLatency build() {
            return new QueryLatency(average, p95, p99);
        }
    }
}
