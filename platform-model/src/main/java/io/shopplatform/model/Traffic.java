package io.shopplatform.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's traffic: reads' share of database operations (its 70/30 rule, at the read-heavy end) and the
 * scenarios the shop must carry. Nothing drives the shop with them yet: the load-test issue will.
 */
public record Traffic(double readShare, List<LoadProfile> profiles) {

    public Traffic {
        Checks.ratio(readShare, "read share");
        profiles = List.copyOf(profiles);
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("traffic needs at least one load profile");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public LoadProfile profile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no load profile named " + name));
    }

    public static final class Builder {
        private Double readShare;
        private final List<LoadProfile> profiles = new ArrayList<>();

        private Builder() {}

        public Builder readShare(double value) { readShare = value; return this; }
        public Builder profile(LoadProfile.Builder value) { profiles.add(value.build()); return this; }

        public Traffic build() {
            return new Traffic(Checks.required(readShare, "read share"), profiles);
        }
    }
}
