package io.shopplatform.model;

import java.time.Duration;

/** A traffic scenario from the seed. Load tests scale it to the machine they run on. */
public record LoadProfile(String name, int concurrentUsers, int requestsPerSecond, Duration duration, double readShare) {
}
