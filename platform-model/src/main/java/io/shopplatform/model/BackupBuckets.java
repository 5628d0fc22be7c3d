package io.shopplatform.model;

import java.util.List;
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
