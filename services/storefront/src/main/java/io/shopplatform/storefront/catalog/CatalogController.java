package io.shopplatform.storefront.catalog;

import static io.shopplatform.storefront.api.ShopApi.path;

import io.shopplatform.storefront.StorefrontProperties;
import io.shopplatform.storefront.api.ApiProblem;
import io.shopplatform.storefront.api.ShopApi;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Browsing: home, a category's products, search, a product. Plain links and GET forms: no JavaScript needed. */
@Controller
class CatalogController {

    /** The product service's listing orders, as the category page offers them. */
    static final Map<String, String> SORTS = Map.of("name", "Name", "price", "Price: low to high",
            "price_desc", "Price: high to low", "newest", "Newest");
    private static final int POPULAR = 8, ALSO_BOUGHT = 4;

    private final ShopApi api;
    private final StorefrontProperties props;

    CatalogController(ShopApi api, StorefrontProperties props) {
        this.api = api;
        this.props = props;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("categories", categories());
        model.addAttribute("popular", items(api.get(path("/recommendations/popular", "limit", POPULAR), null).body()));
        return "home";
    }

    @GetMapping("/categories/{id}")
    String category(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
                    @RequestParam(defaultValue = "name") String sort, Model model) {
        List<Map<String, Object>> tree = categories();
        Map<String, Object> category = find(tree, id).orElseThrow(() -> ApiProblem.notFound("That category"));
        String order = SORTS.containsKey(sort) ? sort : "name";
        Map<String, Object> listing = api.get(path("/products", "category", id, "page", page,
                "size", props.pageSize(), "sort", order), null).body();
        model.addAttribute("category", category);
        model.addAttribute("categories", tree);
        model.addAttribute("sort", order);
        model.addAttribute("sorts", SORTS);
        model.addAttribute("listing", listing);
        model.addAttribute("pages", pages(listing));
        return "category";
    }

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Long category,
                  @RequestParam(required = false) BigDecimal minPrice, @RequestParam(required = false) BigDecimal maxPrice,
                  @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("category", category);
        model.addAttribute("minPrice", minPrice);
        model.addAttribute("maxPrice", maxPrice);
        model.addAttribute("categories", categories());
        ShopApi.Answer answer = api.get(path("/search", "q", q, "category", category, "minPrice", minPrice,
                "maxPrice", maxPrice, "page", page, "size", props.pageSize()), null);
        model.addAttribute("listing", answer.body());
        model.addAttribute("pages", pages(answer.body()));
        // The product service answered from PostgreSQL because its search engine is unavailable: say so.
        model.addAttribute("fellBack", answer.header(ShopApi.SEARCH_BACKEND_HEADER)
                .filter("postgresql"::equalsIgnoreCase).isPresent());
        return "search";
    }

    @GetMapping("/products/{id}")
    String product(@PathVariable long id, Model model) {
        Map<String, Object> product = api.get("/products/" + id, null).body();
        model.addAttribute("product", product);
        model.addAttribute("stock", stock(product.get("sku").toString()));
        model.addAttribute("alsoBought", items(api.get(path("/recommendations/for/" + id, "limit", ALSO_BOUGHT),
                null).body()));
        return "product";
    }

    /** The inventory's level now; null when the SKU was never stocked (so: none to sell). */
    private Map<String, Object> stock(String sku) {
        try {
            return api.get("/inventory/stock/" + sku, null).body();
        } catch (ApiProblem p) {
            if (p.status() == 404) {
                return null;
            }
            throw p;
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> categories() {
        return (List<Map<String, Object>>) api.get("/categories", null).body().getOrDefault("items", List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.getOrDefault("items", List.of());
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> find(List<Map<String, Object>> nodes, long id) {
        for (Map<String, Object> node : nodes) {
            if (((Number) node.get("id")).longValue() == id) {
                return Optional.of(node);
            }
            Optional<Map<String, Object>> below = find((List<Map<String, Object>>) node.getOrDefault("children",
                    List.of()), id);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    /** The page numbers to link to (all of them, up to the API's window). */
    static List<Integer> pages(Map<String, Object> listing) {
        long total = ((Number) listing.getOrDefault("total", 0)).longValue();
        int size = ((Number) listing.getOrDefault("size", 1)).intValue();
        long count = Math.min((total + size - 1) / Math.max(size, 1), 50);
        List<Integer> pages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pages.add(i);
        }
        return pages;
    }
}
