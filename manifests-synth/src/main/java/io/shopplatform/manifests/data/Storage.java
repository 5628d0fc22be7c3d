package io.shopplatform.manifests.data;

/** The seed's storage classes, by what they hold. */
public enum Storage {
    /** Databases and caches. */
    FAST_SSD("fast-ssd", "pd-ssd"),
    /** Logs and scratch space. */
    STANDARD_SSD("standard-ssd", "pd-balanced"),
    /** Backups and archives. */
    HDD("backup-hdd", "pd-standard");

    public final String className;
    /** The GCE persistent disk type behind the class. */
    public final String diskType;

    Storage(String className, String diskType) {
        this.className = className;
        this.diskType = diskType;
    }
}
