package io.shopplatform.manifests.workloads;

import io.shopplatform.manifests.Target;
import io.shopplatform.model.Component;
import io.shopplatform.model.ConnectionBudget;
import io.shopplatform.model.Edge;
import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import io.shopplatform.model.Wiring.Setting;
import io.shopplatform.model.Wiring.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The values of a component's plain {@link Wiring} variables in a cluster: where each callee of its edges is, and
 * the component's own plain settings. Secret variables get no value here; they come from the component's Secret.
 */
public final class Endpoints {
    /** The one database (docs/contracts.md). */
    public static final String DATABASE = "shop";
    /** Google's external load balancer appends one address (its own) after the client's to X-Forwarded-For. */
    static final int FRONT_PROXIES = 1;

    private Endpoints() {}

    public static Map<String, String> plainValues(Target target, String component) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Edge edge : target.platform().edgesFrom(component)) {
            List<Variable> plain = Wiring.variables(target.platform(), edge).stream().filter(v -> !v.secret())
                    .filter(v -> !v.name().equals(Wiring.DB_POOL_SIZE)).toList();
            if (edge.to().equals(Shop.MAIL)) {
                values.put("SHOP_MAIL_HOST", Shop.MAIL_RELAY_HOST);
                values.put("SHOP_MAIL_PORT", Integer.toString(Shop.SMTP.number()));
                continue;
            }
            if (edge.to().equals(Shop.PAYMENT_PROVIDERS)) {
                Shop.PAYMENT_PROVIDERS_IN_ORDER.forEach(p -> values.put(p.urlVariable(), p.api()));
                continue;
            }
            if (plain.size() > 1) {
                throw new IllegalStateException(edge + " carries more than one endpoint variable: " + plain);
            }
            plain.forEach(v -> values.putIfAbsent(v.name(), where(target, edge)));
            if (Wiring.variables(target.platform(), edge).contains(new Variable(Wiring.DB_POOL_SIZE, false))) {
                values.put(Wiring.DB_POOL_SIZE,
                        Integer.toString(ConnectionBudget.of(target.platform(), target.env()).servicePool()));
            }
        }
        for (Setting setting : Wiring.settings(component)) {
            switch (setting.source()) {
                case FIXED -> values.put(setting.variable().name(), setting.fixedValue());
                case PUBLIC_ORIGIN -> values.put(setting.variable().name(), "https://" + target.site().domain());
                case FRONT_PROXIES -> values.put(setting.variable().name(), Integer.toString(FRONT_PROXIES));
                case CARD_TOKENIZATION -> values.put(setting.variable().name(),
                        Shop.PAYMENT_PROVIDERS_IN_ORDER.get(0).api());
                case GENERATED_SECRET -> { }    // in the component's Secret
            }
        }
        return values;
    }

    public static List<Variable> secrets(Target target, String component) {
        return Wiring.variablesOf(target.platform(), component).stream().filter(Variable::secret).toList();
    }

    /** Clustered callees are reached through every member; the rest through their Service. */
    private static String where(Target target, Edge edge) {
        Component to = target.platform().component(edge.to());
        int port = to.port(edge.port()).number();
        return switch (to.kind()) {
            // Straight to the members (db-migrate): the driver picks whichever is primary now.
            case DATABASE -> "jdbc:postgresql://" + IntStream.range(0, target.instances(to))
                    .mapToObj(i -> target.podHost(to.name() + "-" + i, 0, to.name()) + ":" + port)
                    .collect(Collectors.joining(",")) + "/" + DATABASE + "?targetServerType=primary";
            case POOLER -> "jdbc:postgresql://" + target.host(to.name()) + ":" + port + "/" + DATABASE;
            case CACHE, BROKER -> IntStream.range(0, target.instances(to))
                    .mapToObj(i -> target.podHost(to.name(), i, to.name()) + ":" + port)
                    .collect(Collectors.joining(","));
            case SERVICE, SEARCH -> "http://" + target.host(to.name()) + ":" + port;
            default -> throw new IllegalArgumentException("no endpoint for " + edge);
        };
    }
}
