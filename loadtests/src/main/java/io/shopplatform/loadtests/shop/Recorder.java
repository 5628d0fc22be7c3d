package io.shopplatform.loadtests.shop;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every answer of a run, as the simulation sees it: response time and status per request group, per level of the
 * load (a step search has several). Gatling's report is for people and it writes no machine-readable statistics
 * since 3.10: the JSON summary and the gates are computed from this.
 */
final class Recorder {

    /** Status recorded when no answer came (connection refused, timeout). */
    static final int NO_ANSWER = 0;

    private volatile long startMillis = System.currentTimeMillis();
    private final long levelMillis;
    private final int levels;
    private final Map<Key, Stats> stats = new ConcurrentHashMap<>();
    private final AtomicLong lastMillis = new AtomicLong(startMillis);


    record Key(int level, Action action) {}

    Recorder(long levelMillis, int levels) {
        this.levelMillis = levelMillis;
        this.levels = levels;
    }

    void record(Action action, int status, long responseMillis) {
        long now = System.currentTimeMillis();
        lastMillis.accumulateAndGet(now, Math::max);
        long elapsed = now - startMillis;
        int level = (int) Math.min(levels - 1, Math.max(0, elapsed / levelMillis));
        stats.computeIfAbsent(new Key(level, action), k -> new Stats()).add(action, status, responseMillis);
    }

    /** When the load starts (Gatling's before-hook): levels count from here. */
    void start() {
        startMillis = System.currentTimeMillis();
        lastMillis.set(startMillis);
    }

    long startMillis() {
        return startMillis;
    }

    /** From the start to the last answer: what throughput is measured over. */
    double elapsedSeconds() {
        return (lastMillis.get() - startMillis) / 1000.0;
    }

    int levels() {
        return levels;
    }

    /** The answers to some actions at one level, or over all levels ({@code level} < 0). */
    Stats stats(int level, Collection<Action> actions) {
        Stats merged = new Stats();
        stats.forEach((k, s) -> {
            if ((level < 0 || k.level() == level) && actions.contains(k.action())) {
                merged.addAll(s);
            }
        });
        return merged;
    }

    /** Response times and statuses; an answer counts as failed unless its action expects that status. */
    static final class Stats {
        private int[] millis = new int[1024];
        private int count, failed;
        private final Map<Integer, Integer> statuses = new TreeMap<>();

        synchronized void add(Action action, int status, long responseMillis) {
            if (count == millis.length) {
                millis = Arrays.copyOf(millis, count * 2);
            }
            millis[count++] = (int) Math.min(Integer.MAX_VALUE, responseMillis);
            statuses.merge(status, 1, Integer::sum);
            if (!action.expects(status)) {
                failed++;
            }
        }

        private synchronized void addAll(Stats other) {
            synchronized (other) {
                for (int i = 0; i < other.count; i++) {
                    if (count == millis.length) {
                        millis = Arrays.copyOf(millis, Math.max(1024, count * 2));
                    }
                    millis[count++] = other.millis[i];
                }
                failed += other.failed;
                other.statuses.forEach((s, n) -> statuses.merge(s, n, Integer::sum));
            }
        }

        synchronized int count() {
            return count;
        }

        synchronized int failed() {
            return failed;
        }

        synchronized double errorRate() {
            return count == 0 ? 0 : (double) failed / count;
        }

        synchronized Map<Integer, Integer> statuses() {
            return new TreeMap<>(statuses);
        }

        /** The nearest-rank percentile in milliseconds (0 when nothing was recorded). */
        synchronized long percentile(double p) {
            if (count == 0) {
                return 0;
            }
            int[] sorted = Arrays.copyOf(millis, count);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100 * count);
            return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
        }
    }
}
