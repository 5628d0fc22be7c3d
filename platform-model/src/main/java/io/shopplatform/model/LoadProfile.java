package io.shopplatform.model;

import java.time.Duration;

/**
 * A traffic scenario from the seed (its upper bounds), for the load tests to scale to the machine they run on.
 * The read/write mix is the platform's ({@link Traffic#readShare()}), the same in every scenario.
 */
public record LoadProfile(String name, int concurrentUsers, int requestsPerSecond, Duration duration) {

    public LoadProfile {
        Checks.name(name, "load profile name");
        Checks.positive(concurrentUsers, name + ": concurrent users");
        Checks.positive(requestsPerSecond, name + ": requests per second");
        Checks.positive(duration, name + ": duration");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private Integer concurrentUsers, requestsPerSecond;
        private Duration duration;

        private Builder(String name) {
            this.name = name;
        }

        public Builder concurrentUsers(int value) { concurrentUsers = value; return this; }
        public Builder requestsPerSecond(int value) { requestsPerSecond = value; return this; }
        public Builder duration(Duration value) { duration = value; return this; }

        public LoadProfile build() {
            return new LoadProfile(name, Checks.required(concurrentUsers, name + ": concurrent users"),
                    Checks.required(requestsPerSecond, name + ": requests per second"), duration);
        }
    }
}
