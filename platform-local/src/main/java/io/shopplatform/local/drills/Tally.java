package io.shopplatform.local.drills;

import java.util.Map;

/** What the clients saw in one window: operations that succeeded, and failures by kind (SQLSTATE, or a timeout). */
public record Tally(long writesOk, Map<String, Long> writesFailed, long readsOk, Map<String, Long> readsFailed) {
    String describe() {
        return String.format("writes %d ok, %d failed%s; reads %d ok, %d failed%s", writesOk, total(writesFailed),
                kinds(writesFailed), readsOk, total(readsFailed), kinds(readsFailed));
    }

    static long total(Map<String, Long> failures) {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String kinds(Map<String, Long> failures) {
        return failures.isEmpty() ? "" : " " + failures;
    }
}
