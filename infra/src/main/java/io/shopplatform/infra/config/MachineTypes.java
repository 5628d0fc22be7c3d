package io.shopplatform.infra.config;

import java.util.Map;
import java.util.Set;

/**
 * The Compute Engine machine types a node pool may use, so that a typo fails at configuration time
 * instead of half-way through `pulumi up`. Not every type GCE sells: the general-purpose and
 * compute-optimized families GKE node pools commonly run on.
 */
public final class MachineTypes {

    private static final Set<Integer> N2_SIZES = Set.of(2, 4, 8, 16, 32, 48, 64, 80, 96, 128);
    private static final Map<String, Set<Integer>> VCPUS_BY_SHAPE = Map.ofEntries(
            Map.entry("e2-standard", Set.of(2, 4, 8, 16, 32)),
            Map.entry("e2-highmem", Set.of(2, 4, 8, 16)),
            Map.entry("e2-highcpu", Set.of(2, 4, 8, 16, 32)),
            Map.entry("n2-standard", N2_SIZES),
            Map.entry("n2-highmem", N2_SIZES),
            Map.entry("n2-highcpu", N2_SIZES),
            Map.entry("n2d-standard", Set.of(2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224)),
            Map.entry("n1-standard", Set.of(1, 2, 4, 8, 16, 32, 64, 96)),
            Map.entry("c2-standard", Set.of(4, 8, 16, 30, 60)),
            Map.entry("c2d-standard", Set.of(2, 4, 8, 16, 32, 56, 112)),
            Map.entry("t2d-standard", Set.of(1, 2, 4, 8, 16, 32, 48, 60)));
    private static final Set<String> SHARED_CORE = Set.of("e2-micro", "e2-small", "e2-medium");

    /** Families Compute Engine counts against a quota of their own; the rest (E2, N1) count as CPUS. */
    private static final Map<String, String> FAMILY_QUOTAS = Map.of("n2", "N2_CPUS", "n2d", "N2D_CPUS",
            "c2", "C2_CPUS", "c2d", "C2D_CPUS", "t2d", "T2D_CPUS");

    private MachineTypes() {}

    /** The vCPUs of a known machine type (a shared-core e2 counts its two). */
    public static int vcpus(String machineType) {
        if (SHARED_CORE.contains(machineType)) {
            return 2;
        }
        return Integer.parseInt(machineType.substring(machineType.lastIndexOf('-') + 1));
    }

    /** The regional quota a machine type's vCPUs count against. */
    public static String cpuQuota(String machineType) {
        return FAMILY_QUOTAS.getOrDefault(machineType.substring(0, machineType.indexOf('-')), "CPUS");
    }

    public static boolean isKnown(String machineType) {
        if (SHARED_CORE.contains(machineType)) {
            return true;
        }
        int dash = machineType.lastIndexOf('-');
        if (dash < 0) {
            return false;
        }
        Set<Integer> sizes = VCPUS_BY_SHAPE.get(machineType.substring(0, dash));
        try {
            return sizes != null && sizes.contains(Integer.parseInt(machineType.substring(dash + 1)));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
