package io.shopplatform.model;

/**
 * Requests and limits, in Kubernetes quantity notation (CPU in millicores, memory in Mi).
 * Requests equal what a pod needs under normal load; limits give headroom for the flash-sale spike.
 */
public record Resources(int cpuRequestMillis, int memoryRequestMi, int cpuLimitMillis, int memoryLimitMi) {
    public Resources {
        if (cpuRequestMillis <= 0 || memoryRequestMi <= 0) {
            throw new IllegalArgumentException("requests must be positive");
        }
        if (cpuLimitMillis < cpuRequestMillis || memoryLimitMi < memoryRequestMi) {
            throw new IllegalArgumentException("limits must not be below requests");
        }
    }

    /** For external components, which the platform does not deploy and so never sizes. */
    public static final Resources NOT_DEPLOYED = new Resources(1, 1, 1, 1);

    public String cpuRequest() { return cpuRequestMillis + "m"; }
    public String memoryRequest() { return memoryRequestMi + "Mi"; }
    public String cpuLimit() { return cpuLimitMillis + "m"; }
    public String memoryLimit() { return memoryLimitMi + "Mi"; }
}
