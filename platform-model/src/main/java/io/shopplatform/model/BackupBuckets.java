package io.shopplatform.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names of an environment's backup bucket and of its disaster-recovery copy in another region. Bucket names are
 * global across GCS and so are project ids: named after the project, the buckets cannot collide with another
 * project's, and infra/ (which creates them) and manifests-synth (whose jobs write to one) derive the same names
 * from the stack file instead of handing them over at run time.
 */
public record BackupBuckets(String primary, String copy) {

    /** Where base backups go; infra/'s lifecycle moves them to colder classes with age. */
    public static final String BACKUPS_PREFIX = "backups/";
    /** Where the WAL archive and job logs go; infra/'s lifecycle deletes them with age. */
    public static final String LOGS_PREFIX = "logs/";
    /**
     * Where in the bucket pgBackRest keeps its repository (backups and the WAL archive both): under
     * {@link #BACKUPS_PREFIX}, whose lifecycle only moves objects to colder classes. Nothing in it may be deleted by a
     * lifecycle rule (pgBackRest expires by its own retention), or the repository would lose a file it names.
     */
    public static final String REPOSITORY_PATH = "/" + BACKUPS_PREFIX + "pgbackrest";

    /** What a component's workload identity may do in the backup bucket, for infra/ to grant. */
    public enum Access {
        /** pgBackRest archives WAL, writes backups, rewrites its catalogue and expires old backups. */
        READ_WRITE("roles/storage.objectUser"),
        /** A restore reads backups and WAL. */
        READ_ONLY("roles/storage.objectViewer");

        public final String gcsRole;

        Access(String gcsRole) {
            this.gcsRole = gcsRole;
        }
    }

    /** Every component that reaches the backup bucket, and what it may do there. */
    public static final Map<String, Access> ACCESS = Map.of(
            Shop.POSTGRES, Access.READ_WRITE,       // WAL archiving from whichever member is primary
            Shop.DB_BACKUP, Access.READ_WRITE,      // full and incremental backups, expiry
            Shop.DB_RESTORE, Access.READ_ONLY);     // point-in-time restore

    /** GCS's rules for a name without dots (dots would make it a domain GCS verifies): 3-63 characters. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    /** GCS reserves the "goog" prefix and refuses "google" and close misspellings anywhere in a name. */
    private static final Pattern GOOGLE = Pattern.compile("^goog|g[o0]{2}g[l1]e");

    public static BackupBuckets of(String project) {
        return new BackupBuckets(project + "-shop-backups", project + "-shop-backups-dr");
    }

    /** Why GCS would refuse these names; empty if it accepts both. */
    public List<String> problems() {
        return Stream.of(primary, copy).flatMap(name -> problem(name).stream()).toList();
    }

    private static Optional<String> problem(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.of("bucket name '" + name + "' must be 3-63 lowercase letters, digits and dashes, "
                    + "starting and ending with a letter or digit");
        }
        if (GOOGLE.matcher(name).find()) {
            return Optional.of("bucket name '" + name + "' starts with 'goog' or contains 'google' (or a look-alike), "
                    + "which GCS refuses");
        }
        return Optional.empty();
    }
}
