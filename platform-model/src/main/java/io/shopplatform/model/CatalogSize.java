package io.shopplatform.model;

/**
 * How large a generated catalog is: the product service's seeder makes it through its own code path (every product
 * with its event, so search and caches fill as in production).
 *
 * @param products   products, spread over the categories
 * @param categories categories; up to the seeder's departments they are flat, beyond that nested under them
 */
public record CatalogSize(int products, int categories) {

    public CatalogSize {
        if (products < 1 || categories < 1) {
            throw new IllegalArgumentException("a catalog needs at least one product and one category: " + products
                    + " products, " + categories + " categories");
        }
    }

    public static Builder products(int products) {
        return categories -> new CatalogSize(products, categories);
    }

    /** The second half of {@code CatalogSize.products(300).inCategories(20)}. */
    @FunctionalInterface
    public interface Builder {
        CatalogSize inCategories(int categories);
    }
}
