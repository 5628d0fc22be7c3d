package io.shopplatform.model;

/** A container image pinned to a version; never {@code latest}. */
public record Image(String repository, String tag) {
    public Image {
        if (tag == null || tag.isBlank() || tag.equals("latest")) {
            throw new IllegalArgumentException("image " + repository + " must be pinned to a version");
        }
    }

    public String reference() {
        return repository + ":" + tag;
    }
}
