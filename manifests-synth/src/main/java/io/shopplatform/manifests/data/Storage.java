package io.shopplatform.manifests.data;

/** The seed's storage classes, by what they hold. */
public enum Storage {
    /** Databases and caches: a claim deleted by mistake must not take the data with it. */
    FAST_SSD("fast-ssd", "pd-ssd", "Retain"),
    /** Logs and scratch space: a pod's scratch disk goes with it, or every run would leave one behind. */
    STANDARD_SSD("standard-ssd", "pd-balanced", "Delete"),
    /** Backups and archives. */
    HDD("backup-hdd", "pd-standard", "Retain");

    public final String className;
    /** The GCE persistent disk type behind the class. */
    public final String diskType;
    /** What happens to a disk when its claim is deleted. */
    public final String reclaimPolicy;

    Storage(String className, String diskType, String reclaimPolicy) {
        this.className = className;
        this.diskType = diskType;
        this.reclaimPolicy = reclaimPolicy;
    }
}
