package io.shopplatform.user;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Measures one BCrypt comparison (what a login costs) per work factor on this machine, to choose
 * {@code shop.user.passwords.bcrypt-cost}. Run as a single-file program (see the README); prints the median of 15
 * by the wall clock and by this thread's CPU time: on a machine shared with other builds the wall clock mostly
 * measures waiting for a core, the CPU time what one login costs when it has one.
 */
public final class BcryptCost {

    private BcryptCost() {}

    public static void main(String[] args) {
        for (int cost = 8; cost <= 12; cost++) {
            BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(cost);
            String hash = bcrypt.encode("correct horse battery staple");
            for (int warm = 0; warm < 3; warm++) {
                bcrypt.matches("warm up the JIT", hash);
            }
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long[] wall = new long[15], cpu = new long[15];
            for (int i = 0; i < wall.length; i++) {
                long t = System.nanoTime(), c = threads.getCurrentThreadCpuTime();
                bcrypt.matches("correct horse battery staple", hash);
                cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1_000_000;
                wall[i] = (System.nanoTime() - t) / 1_000_000;
            }
            java.util.Arrays.sort(wall);
            java.util.Arrays.sort(cpu);
            System.out.printf("BCRYPT cost %2d: CPU median %4d ms (min %4d); wall median %4d ms (min %4d, max %4d)%n",
                    cost, cpu[7], cpu[0], wall[7], wall[0], wall[14]);
        }
    }
}
