package io.shopplatform.service.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The share of successes over roughly the last minute, in six ten-second buckets: a ratio since start-up would
 * hide a drop for hours, which is useless to an autoscaler. Lock-free; a bucket is reset when its slot comes round.
 */
public final class RollingRatio {

    private static final int BUCKETS = 6;
    private static final long BUCKET_MILLIS = 10_000;

    private final AtomicLongArray epochs = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray successes = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray totals = new AtomicLongArray(BUCKETS);

    public void record(boolean success) {
        long epoch = System.currentTimeMillis() / BUCKET_MILLIS;
        int slot = (int) (epoch % BUCKETS);
        long seen = epochs.get(slot);
        if (seen != epoch && epochs.compareAndSet(slot, seen, epoch)) {
            successes.set(slot, 0);
            totals.set(slot, 0);
        }
        totals.incrementAndGet(slot);
        if (success) {
            successes.incrementAndGet(slot);
        }
    }

    /** NaN until something was recorded in the window. */
    public double ratio() {
        long now = System.currentTimeMillis() / BUCKET_MILLIS;
        long s = 0, t = 0;
        for (int slot = 0; slot < BUCKETS; slot++) {
            if (now - epochs.get(slot) < BUCKETS) {
                s += successes.get(slot);
                t += totals.get(slot);
            }
        }
        return t == 0 ? Double.NaN : (double) s / t;
    }
}
