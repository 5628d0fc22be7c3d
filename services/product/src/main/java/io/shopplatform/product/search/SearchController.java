package io.shopplatform.product.search;

import io.shopplatform.product.catalog.ProductCatalog;
import io.shopplatform.product.catalog.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import io.shopplatform.service.problem.InvalidInputException;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/search")
class SearchController {

    static final String BACKEND_HEADER = "X-Search-Backend";
    /** OpenSearch's {@code index.max_result_window}: a page ending past it is refused by the engine. */
    static final int MAX_WINDOW = 10_000;
    /** The largest price the catalog stores ({@code numeric(12,2)}): bigger bounds are typing errors or probes. */
    static final String MAX_PRICE = "9999999999.99";

    private final ProductSearch search;
    private final ProductCatalog catalog;

    SearchController(ProductSearch search, ProductCatalog catalog) {
        this.search = search;
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "Full-text search over name, description and category, with filters",
            description = "The X-Search-Backend header says who answered: opensearch, or postgresql when the engine is down.")
    ResponseEntity<SearchResults> search(@RequestParam @NotBlank @Size(max = 200) String q,
                                         @RequestParam(required = false) @Positive Long category,
                                         @RequestParam(required = false) @DecimalMin("0") @DecimalMax(MAX_PRICE)
                                         BigDecimal minPrice,
                                         @RequestParam(required = false) @DecimalMin("0") @DecimalMax(MAX_PRICE)
                                         BigDecimal maxPrice,
                                         @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_WINDOW - 1) int page,
                                         @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if ((long) (page + 1) * size > MAX_WINDOW) {
            throw new InvalidInputException("page", "reaches past result " + MAX_WINDOW + " (page × size); narrow the search");
        }
        ProductSearch.Answer answer = search.search(new SearchQuery(q, category, minPrice, maxPrice, page, size));
        return ResponseEntity.ok().header(BACKEND_HEADER, answer.backend()).body(answer.results());
    }

    /** Where a result links to: the product, counted as a click-through. */
    @GetMapping("/results/{id}")
    @Operation(summary = "Open a search result (a product), counted as a click-through")
    ProductView open(@PathVariable long id) {
        ProductView product = catalog.get(id);
        search.clicked();
        return product;
    }
}
