package io.shopplatform.product.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.model.ShopScope;
import io.shopplatform.product.catalog.ProductChanged;
import io.shopplatform.product.category.CategoryNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The products index in OpenSearch (the Elasticsearch API), spoken over plain HTTP, named {@code shop.search.index}
 * in this process's {@link ShopScope} (the tests' products are not the developer's). Documents are written in bulk
 * with the product's version as an external version, so a replayed or late event never overwrites a newer one.
 */
@Component
class OpenSearchIndex {

    private static final Logger log = LoggerFactory.getLogger(OpenSearchIndex.class);

    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final RestClient http;
    private final String index;
    private final ObjectMapper mapper;

    OpenSearchIndex(SearchProperties props, ShopScope scope, RestClient.Builder builder, ObjectMapper mapper) {
        this.mapper = mapper;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(props.timeout()).build());
        requests.setReadTimeout(props.timeout());
        RestClient.Builder b = builder.clone().baseUrl(props.url()).requestFactory(requests);
        if (props.user() != null && !props.user().isBlank()) {
            b.defaultHeaders(h -> h.setBasicAuth(props.user(), props.password()));
        }
        this.http = b.build();
        this.index = scope.index(props.index());
        createIfMissing();
    }

    /** Name and description analysed as text, the category lineage's names too; ids and price as filters. */
    private void createIfMissing() {
        Map<String, Object> mappings = Map.of("properties", Map.of(
                "name", Map.of("type", "text"),
                "description", Map.of("type", "text"),
                "category", Map.of("type", "text"),
                "categoryId", Map.of("type", "long"),
                "categoryIds", Map.of("type", "long"),
                "price", Map.of("type", "scaled_float", "scaling_factor", 100)));
        try {
            http.put().uri("/{index}", index).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("mappings", mappings)).retrieve().toBodilessEntity();
            log.info("created search index {}", index);
        } catch (HttpClientErrorException e) {
            if (!e.getResponseBodyAsString().contains("resource_already_exists_exception")) {
                log.warn("cannot create search index {}: {}", index, e.getMessage());
            }
        } catch (RestClientException e) {
            log.warn("search engine unreachable at start-up; indexing retries from the events: {}", e.getMessage());
        }
    }

    /** A product to index (with its category lineage), or one to remove. */
    record Change(ProductChanged product, List<CategoryNode> lineage, boolean deleted) {}

    /** Applies changes in one bulk request; a document already at a newer version is left alone. */
    void apply(List<Change> changes) {
        StringBuilder body = new StringBuilder();
        for (Change c : changes) {
            ProductChanged p = c.product();
            Map<String, Object> target = Map.of("_index", index, "_id", Long.toString(p.id()), "version", p.version(),
                    "version_type", "external_gte");
            body.append(json(Map.of(c.deleted() ? "delete" : "index", target))).append('\n');
            if (!c.deleted()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("name", p.name());
                doc.put("description", p.description());
                doc.put("category", c.lineage().stream().map(CategoryNode::name).collect(Collectors.joining(" ")));
                doc.put("categoryId", p.categoryId());
                doc.put("categoryIds", c.lineage().stream().map(CategoryNode::id).toList());
                doc.put("price", p.price());
                body.append(json(doc)).append('\n');
            }
        }
        JsonNode response = http.post().uri("/_bulk").contentType(NDJSON).body(body.toString())
                .retrieve().body(JsonNode.class);
        for (JsonNode item : response.path("items")) {
            JsonNode result = item.elements().next();
            int status = result.path("status").asInt();
            boolean alreadyNewer = status == HttpStatus.CONFLICT.value();
            boolean alreadyGone = status == HttpStatus.NOT_FOUND.value() && item.has("delete");
            if (status >= 300 && !alreadyNewer && !alreadyGone) {
                throw new IllegalStateException("indexing failed: " + result.path("error"));
            }
        }
    }

    SearchResults search(SearchQuery q) {
        List<Object> filters = new ArrayList<>();
        if (q.category() != null) {
            filters.add(Map.of("term", Map.of("categoryIds", q.category())));
        }
        if (q.minPrice() != null || q.maxPrice() != null) {
            Map<String, BigDecimal> range = new LinkedHashMap<>();
            if (q.minPrice() != null) {
                range.put("gte", q.minPrice());
            }
            if (q.maxPrice() != null) {
                range.put("lte", q.maxPrice());
            }
            filters.add(Map.of("range", Map.of("price", range)));
        }
        Map<String, Object> body = Map.of(
                "from", q.page() * q.size(), "size", q.size(), "track_total_hits", true,
                "_source", List.of("name", "price", "categoryId"),
                "query", Map.of("bool", Map.of(
                        "must", Map.of("multi_match", Map.of("query", q.text(), "operator", "and", "type", "cross_fields",
                                "fields", List.of("name^3", "category^2", "description"))),
                        "filter", filters)));
        JsonNode response;
        try {
            response = http.post().uri("/{index}/_search", index).contentType(MediaType.APPLICATION_JSON).body(body)
                    .retrieve().body(JsonNode.class);
        } catch (HttpClientErrorException e) {
            // The engine is up and refused this one query: not a reason to send every shopper to PostgreSQL.
            throw new SearchQueryRefused(e.getStatusCode() + " " + e.getResponseBodyAsString(), e);
        } catch (RestClientException e) {
            throw new SearchEngineUnavailable("search failed", e);   // 5xx, or no answer at all (I/O)
        }
        List<SearchHit> hits = new ArrayList<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            JsonNode src = hit.path("_source");
            hits.add(new SearchHit(hit.path("_id").asLong(), src.path("name").asText(), src.path("price").decimalValue(),
                    src.path("categoryId").isNull() || src.path("categoryId").isMissingNode() ? null
                            : src.path("categoryId").asLong()));
        }
        return new SearchResults(hits, q.page(), q.size(), response.path("hits").path("total").path("value").asLong());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
