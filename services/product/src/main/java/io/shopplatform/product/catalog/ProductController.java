package io.shopplatform.product.catalog;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/products")
class ProductController {

    private final ProductCatalog catalog;
    private final ProductListing listing;

    ProductController(ProductCatalog catalog, ProductListing listing) {
        this.catalog = catalog;
        this.listing = listing;
    }

    @GetMapping("/{id}")
    @Operation(summary = "A product by id (served from the cache layers)")
    ProductView get(@PathVariable long id) {
        return catalog.get(id);
    }

    @GetMapping
    @Operation(summary = "Products of a category and its subcategories, a page at a time")
    ProductPage<ProductView> list(@RequestParam @Positive long category,
                                  @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                                  @RequestParam(defaultValue = "name") ProductListing.Sort sort) {
        return listing.inCategory(category, page, size, sort);
    }

    @PostMapping
    @Operation(summary = "Add a product to the catalog")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<ProductView> create(@Valid @RequestBody ProductRequest request) {
        ProductView created = catalog.create(request);
        return ResponseEntity.created(URI.create("/api/v1/products/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a product's details")
    @PreAuthorize("hasRole('ADMIN')")
    ProductView update(@PathVariable long id, @Valid @RequestBody ProductRequest request) {
        return catalog.update(id, request);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Remove a product from the catalog")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> delete(@PathVariable long id) {
        catalog.delete(id);
        return ResponseEntity.noContent().build();
    }
}
