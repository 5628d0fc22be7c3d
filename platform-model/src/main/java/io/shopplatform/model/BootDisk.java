package io.shopplatform.model;

/**
 * A node's boot disk: images, container logs and emptyDir volumes live there (data lives on persistent volumes).
 * Left unset, GKE gives every node 100 GB of pd-balanced, which counts against the region's SSD quota.
 *
 * @param type   the Compute Engine disk type (pd-balanced and pd-ssd count as SSD_TOTAL_GB, pd-standard does not)
 * @param sizeGb its size in GB
 */
public record BootDisk(String type, int sizeGb) {

    public BootDisk {
        if (!type.startsWith("pd-")) {
            throw new IllegalArgumentException("boot disk type must be a persistent disk type, was " + type);
        }
        // GKE's node images need 10 GB; below about 30 GB image garbage collection runs constantly.
        if (sizeGb < 30) {
            throw new IllegalArgumentException("boot disk of " + sizeGb + " GB is too small for a GKE node (30 GB at least)");
        }
    }

    public static BootDisk balancedGb(int sizeGb) {
        return new BootDisk("pd-balanced", sizeGb);
    }
}
