package io.shopplatform.product.recommendation;

import io.shopplatform.product.catalog.ProductCatalog;
import io.shopplatform.product.catalog.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/recommendations")
class RecommendationController {

    private final PopularProducts popular;
    private final AlsoBought alsoBought;
    private final ProductCatalog catalog;

    RecommendationController(PopularProducts popular, AlsoBought alsoBought, ProductCatalog catalog) {
        this.popular = popular;
        this.alsoBought = alsoBought;
        this.catalog = catalog;
    }

    @GetMapping("/popular")
    @Operation(summary = "Best sellers, overall or in a category and its subcategories")
    List<PopularProduct> popular(@RequestParam(required = false) @Positive Long category,
                                 @RequestParam(defaultValue = "10") @Min(1) @Max(PopularProducts.LIST_SIZE) int limit) {
        return popular.top(category, limit);
    }

    /** Recommendations next to a product: what was bought with it, then its category's best sellers to fill up. */
    @GetMapping("/for/{productId}")
    @Operation(summary = "Next to a product: most often bought with it, then its category's best sellers")
    List<PopularProduct> forProduct(@PathVariable long productId,
                                    @RequestParam(defaultValue = "10") @Min(1) @Max(PopularProducts.LIST_SIZE - 1) int limit) {
        ProductView product = catalog.get(productId);
        Set<Long> shown = new HashSet<>(Set.of(productId));
        return Stream.concat(alsoBought.with(productId).stream(),
                        popular.top(product.categoryId(), PopularProducts.LIST_SIZE).stream())
                .filter(p -> shown.add(p.id())).limit(limit).toList();
    }
}
