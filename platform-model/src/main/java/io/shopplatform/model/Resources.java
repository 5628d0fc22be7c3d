package io.shopplatform.model;

/**
 * Requests and limits, in Kubernetes quantity notation (CPU in millicores, memory in Mi). Memory is requested at
 * its limit: it cannot be throttled, and a pod above its memory request is the first the kubelet evicts. CPU
 * requests are what a pod needs under normal load; CPU limits give headroom for the flash-sale spike.
 */
public record Resources(int cpuRequestMillis, int cpuLimitMillis, int memoryMi) {
    public Resources {
        if (cpuRequestMillis <= 0 || memoryMi <= 0) {
            throw new IllegalArgumentException("requests must be positive");
        }
        if (cpuLimitMillis < cpuRequestMillis) {
            throw new IllegalArgumentException("the CPU limit must not be below the request");
        }
    }

    /** For external components, which the platform does not deploy and so never sizes. */
    public static final Resources NOT_DEPLOYED = builder().cpuRequestMillis(1).cpuLimitMillis(1).memoryMi(1).build();

    public static Builder builder() {
        return new Builder();
    }

    public boolean isGuaranteed() {
        return cpuRequestMillis == cpuLimitMillis;
    }

    public int memoryRequestMi() { return memoryMi; }
    public int memoryLimitMi() { return memoryMi; }
    public String cpuRequest() { return cpuRequestMillis + "m"; }
    public String memoryRequest() { return memoryMi + "Mi"; }
    public String cpuLimit() { return cpuLimitMillis + "m"; }
    public String memoryLimit() { return memoryMi + "Mi"; }

    public static final class Builder {
        private Integer cpuRequestMillis, cpuLimitMillis, memoryMi;

        private Builder() {}

        public Builder cpuRequestMillis(int value) { cpuRequestMillis = value; return this; }
        public Builder cpuLimitMillis(int value) { cpuLimitMillis = value; return this; }
        /**
         * CPU requested and limited alike: with memory (always requested at its limit) that is Kubernetes'
         * Guaranteed QoS class, whose pods the kubelet evicts last.
         */
        public Builder guaranteedCpuMillis(int value) { cpuRequestMillis = value; cpuLimitMillis = value; return this; }
        /** Requested and limited alike. */
        public Builder memoryMi(int value) { memoryMi = value; return this; }

        public Resources build() {
            return new Resources(Checks.required(cpuRequestMillis, "CPU request"),
                    Checks.required(cpuLimitMillis, "CPU limit"), Checks.required(memoryMi, "memory"));
        }
    }
}
