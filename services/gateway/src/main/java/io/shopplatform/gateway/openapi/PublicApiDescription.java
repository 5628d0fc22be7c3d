package io.shopplatform.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopplatform.model.PublicApi;
import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One OpenAPI description of the whole public API at {@code GET /v3/api-docs}, browsable at
 * {@code /swagger-ui.html}: each routed service's own description ({@code /v3/api-docs}, springdoc), cut to the
 * paths the gateway routes to it (the user service's JWKS is internal, so it is left out), merged as one API
 * served from the gateway's own origin (the services' internal addresses never show), with the problem answers and
 * the bearer scheme the services declare alike (shop-service-support). A service that cannot be
 * asked, or has no description yet, is named in {@code info.description} instead. Schemas of the same name and
 * different content are kept apart by prefixing the later one with its service's name.
 */
@Configuration(proxyBeanMethods = false)
class PublicApiDescription {

    static final String PATH = "/v3/api-docs";
    private static final Logger log = LoggerFactory.getLogger(PublicApiDescription.class);
    private static final Duration ASK_FOR = Duration.ofSeconds(10), KEEP_FOR = Duration.ofSeconds(30),
            ASK_AGAIN = Duration.ofSeconds(5);
    private static final String SCHEMAS = "#/components/schemas/";
    private static final List<String> SHARED_COMPONENTS = List.of("responses", "securitySchemes");

    private final ObjectMapper json = new ObjectMapper();
    private final String version;

    /** The gateway's build names the public API's version (META-INF/build-info.properties). */
    PublicApiDescription(BuildProperties build) {
        this.version = build.getVersion();
    }

    @Bean
    RouterFunction<ServerResponse> publicApiDescriptionRoute(Environment env, WebClient.Builder web) {
        WebClient client = web.build();
        // Asked of the services at most every KEEP_FOR: a caller hammering this page must not fan out to them.
        // An incomplete one (a service did not answer, or not yet: springdoc's first description takes seconds) is
        // kept only briefly, so a service that comes up soon shows.
        Mono<Merged> description = Flux.fromIterable(Shop.PUBLIC_API.routes())
                .flatMapSequential(route -> describe(client, env, route))
                .collectList()
                .map(this::merge)
                .cache(m -> m.complete() ? KEEP_FOR : ASK_AGAIN, e -> Duration.ZERO, () -> Duration.ZERO);
        return RouterFunctions.route(RequestPredicates.GET(PATH), request -> description
                .flatMap(m -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(m.doc())));
    }

    /** A service's own description, or none (an empty node) when it cannot give one. */
    private Mono<Described> describe(WebClient client, Environment env, PublicApi.Route route) {
        String base = env.getProperty(Wiring.serviceUrlVariable(route.service()),
                "http://" + route.service() + ":" + Shop.HTTP.number());
        return client.get().uri(base + PATH).retrieve().bodyToMono(String.class).timeout(ASK_FOR)
                .map(body -> new Described(route, parse(body)))
                .onErrorResume(e -> {
                    log.debug("no API description from {}: {}", route.service(), e.toString());
                    return Mono.just(new Described(route, json.createObjectNode()));
                });
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private Merged merge(List<Described> described) {
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode paths = json.createObjectNode();
        Map<String, JsonNode> schemas = new TreeMap<>();
        // The answers and security schemes every service declares alike (shop-service-support): the first one's.
        Map<String, Map<String, JsonNode>> shared = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        for (Described d : described) {
            if (!d.doc().path("paths").isObject()) {
                missing.add(d.route().service());
                continue;
            }
            JsonNode own = renameClashes(d, schemas);
            List<PathPattern> routed = d.route().paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
            own.path("paths").fields().forEachRemaining(p -> {
                PathContainer path = PathContainer.parsePath(p.getKey());
                if (routed.stream().anyMatch(r -> r.matches(path))) {
                    paths.set(p.getKey(), uniqueOperationIds(p.getValue(), d.route().service(), operationIds));
                }
            });
            own.path("components").path("schemas").fields().forEachRemaining(s -> schemas.putIfAbsent(s.getKey(), s.getValue()));
            for (String kind : SHARED_COMPONENTS) {
                own.path("components").path(kind).fields().forEachRemaining(c ->
                        shared.computeIfAbsent(kind, k -> new TreeMap<>()).putIfAbsent(c.getKey(), c.getValue()));
            }
        }
        ObjectNode info = doc.putObject("info");
        info.put("title", "shop public API");
        info.put("version", version);
        info.put("description", "Every operation the gateway routes, as each service describes it."
                + (missing.isEmpty() ? "" : " Not described (service unreachable or without a description): "
                + String.join(", ", missing) + "."));
        doc.putArray("servers").addObject().put("url", "/");
        doc.set("paths", paths);
        ObjectNode components = doc.putObject("components");
        components.putObject("schemas").setAll(schemas);
        shared.forEach((kind, declared) -> components.putObject(kind).setAll(declared));
        return new Merged(doc, missing.isEmpty());
    }

    /**
     * Operation ids are unique across the whole API (client generators name methods after them); two services that
     * both call an operation {@code update} are told apart by prefixing the later one: {@code productUpdate}.
     */
    private static JsonNode uniqueOperationIds(JsonNode pathItem, String service, Set<String> taken) {
        pathItem.fields().forEachRemaining(op -> {
            if (op.getValue() instanceof ObjectNode operation && operation.hasNonNull("operationId")) {
                String id = operation.get("operationId").asText();
                if (!taken.add(id)) {
                    String prefixed = service + Character.toUpperCase(id.charAt(0)) + id.substring(1);
                    operation.put("operationId", prefixed);
                    taken.add(prefixed);
                }
            }
        });
        return pathItem;
    }

    /** The service's description with its schemas that clash with ones already merged renamed, references too. */
    private JsonNode renameClashes(Described d, Map<String, JsonNode> merged) {
        Map<String, String> renames = new TreeMap<>();
        d.doc().path("components").path("schemas").fields().forEachRemaining(s -> {
            JsonNode earlier = merged.get(s.getKey());
            if (earlier != null && !earlier.equals(s.getValue())) {
                renames.put(s.getKey(), d.route().service() + "." + s.getKey());
            }
        });
        if (renames.isEmpty()) {
            return d.doc();
        }
        String text = d.doc().toString();
        for (Map.Entry<String, String> r : renames.entrySet()) {
            text = text.replace("\"" + SCHEMAS + r.getKey() + "\"", "\"" + SCHEMAS + r.getValue() + "\"");
        }
        JsonNode renamed = parse(text);
        ObjectNode schemas = (ObjectNode) renamed.path("components").path("schemas");
        renames.forEach((from, to) -> schemas.set(to, schemas.remove(from)));
        return renamed;
    }

    private record Described(PublicApi.Route route, JsonNode doc) {}

    private record Merged(ObjectNode doc, boolean complete) {}
}
