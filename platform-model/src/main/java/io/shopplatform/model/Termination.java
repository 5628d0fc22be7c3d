package io.shopplatform.model;

import java.time.Duration;

/**
 * How a serving pod leaves without failing a request. When Kubernetes marks it terminating, the load balancer and
 * every node's service rules take up to {@code loadBalancerDeregistration} to stop sending it new requests, so it
 * keeps serving for {@code preStopPause} (longer); then Spring stops accepting and finishes what is in flight within
 * {@code shutdownTimeout}; the kubelet kills whatever is left after {@code gracePeriod}, which must outlast both.
 */
public record Termination(Duration loadBalancerDeregistration, Duration preStopPause, Duration shutdownTimeout,
                          Duration gracePeriod) {

    public Termination {
        Checks.positive(loadBalancerDeregistration, "load balancer deregistration");
        Checks.positive(preStopPause, "preStop pause");
        Checks.positive(shutdownTimeout, "shutdown timeout");
        Checks.positive(gracePeriod, "termination grace period");
        if (preStopPause.compareTo(loadBalancerDeregistration) <= 0) {
            throw new IllegalArgumentException("the preStop pause (" + preStopPause + ") must outlast the load "
                    + "balancer's deregistration (" + loadBalancerDeregistration + ")");
        }
        if (gracePeriod.compareTo(preStopPause.plus(shutdownTimeout)) <= 0) {
            throw new IllegalArgumentException("the termination grace period (" + gracePeriod + ") must outlast the "
                    + "preStop pause and the shutdown timeout (" + preStopPause.plus(shutdownTimeout) + ")");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Duration loadBalancerDeregistration, preStopPause, shutdownTimeout, gracePeriod;

        private Builder() {}

        public Builder loadBalancerDeregistration(Duration value) { loadBalancerDeregistration = value; return this; }
        public Builder preStopPause(Duration value) { preStopPause = value; return this; }
        public Builder shutdownTimeout(Duration value) { shutdownTimeout = value; return this; }
        public Builder gracePeriod(Duration value) { gracePeriod = value; return this; }

        public Termination build() {
            return new Termination(Checks.required(loadBalancerDeregistration, "load balancer deregistration"),
                    Checks.required(preStopPause, "preStop pause"), Checks.required(shutdownTimeout, "shutdown timeout"),
                    Checks.required(gracePeriod, "termination grace period"));
        }
    }
}
