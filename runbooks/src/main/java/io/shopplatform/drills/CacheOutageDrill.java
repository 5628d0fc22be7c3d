package io.shopplatform.drills;

import io.shopplatform.loadtests.shop.ServiceMetrics;
import io.shopplatform.local.machine.Supervisor;
import io.shopplatform.model.Shop;
import io.shopplatform.monitoring.AlertRules;
import java.time.Duration;
import java.util.List;

/**
 * The seed's cache failures: Redis lost, then memcached too, while shoppers browse and buy. The shop must keep
 * selling on the database (slower), and once both are back every service's cache layers must be in use again by
 * themselves (their breakers closed), with no operator step beyond restarting the servers.
 */
public final class CacheOutageDrill implements ShopDrill {

    private static final List<String> LAYERS = List.of(Shop.REDIS, Shop.MEMCACHED);
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(2);

    @Override
    public String name() {
        return "cache-outage";
    }

    @Override
    public String description() {
        return "Redis lost, then memcached too, under shoppers: the shop sells on, the layers return by themselves";
    }

    @Override
    public Report run(DrillTarget target) throws InterruptedException {
        String redisDown = "redis down", bothDown = "redis and memcached down", back = "caches back";
        try (DrillRun run = new DrillRun(name(), target)) {
            run.shopUntilOrders();
            requireLayersUp(run, target, "before the drill");

            run.next(redisDown);
            target.tier().kill(Shop.REDIS);
            if (Supervisor.waitFor(() -> layersDown(target) > 0, RECOVERY_LIMIT)) {
                run.figure(String.format("services read around Redis %.1f s after it was lost (%d layers out of use)",
                        run.secondsIntoPhase(), layersDown(target)));
            } else {
                run.broken("no service took its Redis layer out of use within " + RECOVERY_LIMIT.toSeconds() + " s");
            }
            run.shopUntilOrders();

            run.next(bothDown);
            target.tier().kill(Shop.MEMCACHED);
            run.shopUntilOrders();
            run.awaitAlert(AlertRules.CACHE_LAYER_DOWN, true);

            run.next(back);
            LAYERS.forEach(target.tier()::restore);
            if (Supervisor.waitFor(() -> layersDown(target) == 0, RECOVERY_LIMIT)) {
                run.figure(String.format("every service's cache layers in use again %.1f s after the servers answered",
                        run.secondsIntoPhase()));
            } else {
                run.broken(layersDown(target) + " cache layers still not in use " + RECOVERY_LIMIT.toSeconds()
                        + " s after Redis and memcached returned");
            }
            run.shopUntilOrders();
            run.awaitAlert(AlertRules.CACHE_LAYER_DOWN, false);
            run.stop();
            return run.report();
        } finally {
            for (String layer : LAYERS) {
                if (!target.tier().answers(layer)) {
                    target.tier().restore(layer);
                }
            }
        }
    }

    private static void requireLayersUp(DrillRun run, DrillTarget target, String when) {
        long down = layersDown(target);
        if (down > 0) {
            run.broken(down + " cache layers were not in use " + when);
        }
    }

    /** Cache layers the services report out of use (their breaker not closed), over every service that has one. */
    private static long layersDown(DrillTarget target) {
        ServiceMetrics now = ServiceMetrics.scrape(target.shop().managementUrls());
        long down = 0;
        for (String service : target.shop().managementUrls().keySet()) {
            for (String layer : LAYERS) {
                // The gauge is 1 while the layer's breaker is closed; one series per cache of the service.
                double up = now.ofService(service, "shop_cache_layer_up", "layer=\"" + layer + "\"");
                double series = now.count(service, "shop_cache_layer_up", "layer=\"" + layer + "\"");
                down += Math.round(series - up);
            }
        }
        return down;
    }
}
