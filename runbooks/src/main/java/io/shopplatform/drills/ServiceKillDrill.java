package io.shopplatform.drills;

import io.shopplatform.model.Shop;
import java.time.Duration;

/**
 * A service process killed under load (SIGKILL, as a crash or an OOM kill ends it): the order service, which runs
 * every checkout's saga. While it is gone the gateway must answer shoppers at once (its breaker and time limit, never
 * a hung call), browsing must go on, and once the service is started again (the supervisor's or operator's step)
 * checkouts resume; every order acknowledged before, or after, must be there and confirmed.
 */
public final class ServiceKillDrill implements ShopDrill {

    /** How long shoppers meet the missing service: long enough for the gateway's breaker to open on it. */
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Override
    public String name() {
        return "service-kill";
    }

    @Override
    public String description() {
        return "the order service SIGKILLed under checkouts: the gateway answers at once, browsing goes on, it restarts";
    }

    @Override
    public Report run(DrillTarget target) throws InterruptedException {
        String service = Shop.ORDER, down = service + " killed", back = service + " restarted";
        boolean killed = false;
        try (DrillRun run = new DrillRun(name(), target)) {
            run.shopUntilOrders();

            run.next(down);
            target.processes().kill(service);
            killed = true;
            run.shopFor(OUTAGE);
            if (run.unanswered(down) > 0) {
                run.broken(run.unanswered(down) + " shoppers' calls got no answer while " + service + " was gone: the "
                        + "gateway must answer (503/504) within its time limit");
            }
            if (run.failures(down, Shoppers.Call.BROWSE) > 0) {
                run.broken(run.failures(down, Shoppers.Call.BROWSE) + " product views failed while only " + service
                        + " was gone");
            }

            run.next(back);
            target.processes().restart(service);
            killed = false;
            run.figure(String.format("%s ready again %.1f s after the restart began", service, run.secondsIntoPhase()));
            run.shopUntilOrders();
            run.stop();
            return run.report();
        } finally {
            if (killed) {   // a drill that failed half-way still leaves the shop whole
                target.processes().restart(service);
            }
        }
    }
}
