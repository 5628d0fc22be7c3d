package io.shopplatform.model;

import java.util.List;

/**
 * The seed's traffic: reads' share of database operations (its 70/30 rule, at the read-heavy end) and the
 * scenarios the shop must carry. The load tests are to drive these profiles with this mix.
 */
public record Traffic(double readShare, List<LoadProfile> profiles) {

    public Traffic {
        Checks.ratio(readShare, "read share");
        profiles = List.copyOf(profiles);
    }

    public LoadProfile profile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no load profile named " + name));
    }
}
