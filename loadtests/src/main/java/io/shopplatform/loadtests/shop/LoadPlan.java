package io.shopplatform.loadtests.shop;

import io.shopplatform.model.LoadProfile;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import java.time.Duration;

/**
 * One run's load: a model profile ({@code Shop.PLATFORM}'s traffic) scaled to this machine by one factor, in a shape.
 * Users are the profile's concurrent users times the scale; each pauses between requests for the profile's
 * users / requests-per-second (exponentially distributed), so the scaled users offer the scaled request rate.
 *
 * @param duration how long users are injected (the profile's own by default)
 * @param steps    levels of a {@link Shape#STEP} search (level k carries k × the scaled users)
 */
public record LoadPlan(LoadProfile profile, double scale, Shape shape, Duration duration, int steps) {

    /** How the concurrent users evolve over the run (a closed model: a user who leaves is replaced). */
    public enum Shape {
        /** The scaled users from the first second. */
        CONSTANT,
        /** From one user up to the scaled users over the run. */
        RAMP,
        /** A fifth of the users, then all of them for the middle third, then a fifth again. */
        SPIKE,
        /** The scaled users held for the longest profile's duration (Black Friday's): drift, leaks, filling disks. */
        SOAK,
        /** Levels of 1, 2, ... {@code steps} × the scaled users; the knee is the last level whose gates pass. */
        STEP;

        static Shape parse(String value) {
            for (Shape s : values()) {
                if (s.name().equalsIgnoreCase(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("--shape: '" + value + "' is none of constant, ramp, spike, soak, step");
        }
    }

    public LoadPlan {
        if (!(scale > 0) || scale > 1) {
            throw new IllegalArgumentException("--scale: " + scale + " is not in (0, 1]");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration: must be positive, was " + duration.toSeconds() + " s");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps: must be at least 1, was " + steps);
        }
        if (Math.round(profile.concurrentUsers() * scale) < 1) {
            throw new IllegalArgumentException("--scale: " + scale + " leaves " + profile.name()
                    + " (" + profile.concurrentUsers() + " users) without a single user");
        }
    }

    /** The profile by name from the model, its duration (or Black Friday's for a soak) unless one is given. */
    public static LoadPlan of(String profileName, double scale, Shape shape, Duration duration, int steps) {
        Platform platform = Shop.PLATFORM;
        LoadProfile profile;
        try {
            profile = platform.loadProfile(profileName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("profile: '" + profileName + "' is none of "
                    + platform.traffic().profiles().stream().map(LoadProfile::name).toList(), e);
        }
        Duration length = duration != null ? duration : shape == Shape.SOAK
                ? platform.traffic().profiles().stream().map(LoadProfile::duration).max(Duration::compareTo).orElseThrow()
                : profile.duration();
        return new LoadPlan(profile, scale, shape, length, steps);
    }

    /** Concurrent users at full load (the top level of a step search: {@link #steps} times this). */
    public int users() {
        return (int) Math.round(profile.concurrentUsers() * scale);
    }

    /** The request rate the scaled profile asks for. */
    public double requestsPerSecond() {
        return profile.requestsPerSecond() * scale;
    }

    /** Mean pause between one user's requests: the profile's users over its request rate. */
    public Duration thinkTime() {
        return Duration.ofMillis(Math.round(1000.0 * profile.concurrentUsers() / profile.requestsPerSecond()));
    }

    /** How long one level of a step search lasts (the whole run otherwise). */
    public Duration levelDuration() {
        return shape == Shape.STEP ? duration.dividedBy(steps) : duration;
    }

    public int levels() {
        return shape == Shape.STEP ? steps : 1;
    }

    @Override
    public String toString() {
        return "%s × %s, %s, %d users, %d s".formatted(profile.name(), scale, shape.name().toLowerCase(), users(),
                duration.toSeconds());
    }
}
