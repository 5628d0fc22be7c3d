package io.shopplatform.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image pinned to a version; never {@code latest}. With a digest (what the build pushed), the
 * reference names the digest, so a new build is a new reference and nothing can move a tag under a running pod.
 */
public record Image(String repository, String tag, Optional<String> digest) {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public Image {
        if (tag == null || tag.isBlank() || tag.equals("latest")) {
            throw new IllegalArgumentException("image " + repository + " must be pinned to a version");
        }
        digest.filter(d -> !DIGEST.matcher(d).matches()).ifPresent(d -> {
            throw new IllegalArgumentException("image " + repository + ": '" + d + "' is not a sha256 digest");
        });
    }

    public Image(String repository, String tag) {
        this(repository, tag, Optional.empty());
    }

    /** {@code repository:tag}. */
    public static Image parse(String reference) {
        int colon = reference.lastIndexOf(':');
        if (colon < 0 || reference.indexOf('/', colon) >= 0) {
            throw new IllegalArgumentException("image " + reference + " must be pinned to a version (repository:tag)");
        }
        return new Image(reference.substring(0, colon), reference.substring(colon + 1));
    }

    public Image withDigest(String sha256) {
        return new Image(repository, tag, Optional.of(sha256));
    }

    /** {@code repository@sha256:...} when the digest is known, otherwise {@code repository:tag}. */
    public String reference() {
        return digest.map(d -> repository + "@" + d).orElse(repository + ":" + tag);
    }
}
