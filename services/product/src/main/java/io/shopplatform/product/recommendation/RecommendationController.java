package io.shopplatform.product.recommendation;

import io.shopplatform.product.catalog.ProductCatalog;
import io.shopplatform.product.catalog.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/recommendations")
class RecommendationController {

    private final PopularProducts popular;
    private final ProductCatalog catalog;

    RecommendationController(PopularProducts popular, ProductCatalog catalog) {
        this.popular = popular;
        this.catalog = catalog;
    }

    @GetMapping("/popular")
    @Operation(summary = "Best sellers, overall or in a category and its subcategories")
    List<PopularProduct> popular(@RequestParam(required = false) @Positive Long category,
                                 @RequestParam(defaultValue = "10") @Min(1) @Max(PopularProducts.LIST_SIZE) int limit) {
        return popular.top(category, limit);
    }

    /**
     * Recommendations next to a product: for now the best sellers of its category ("also bought" needs
     * co-purchase data from order events, which the order service does not publish yet).
     */
    @GetMapping("/for/{productId}")
    @Operation(summary = "Products to show next to a product: popular in its category")
    List<PopularProduct> forProduct(@PathVariable long productId,
                                    @RequestParam(defaultValue = "10") @Min(1) @Max(PopularProducts.LIST_SIZE - 1) int limit) {
        ProductView product = catalog.get(productId);
        return popular.top(product.categoryId(), limit + 1).stream()
                .filter(p -> p.id() != productId).limit(limit).toList();
    }
}
