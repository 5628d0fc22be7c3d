package io.shopplatform.product.catalog;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ProductRepository extends ListCrudRepository<Product, Long> {

    /** A locking read runs on the primary, so an edit starts from the latest version, never a replica's. */
    @Query("SELECT * FROM catalog.products WHERE id = :id FOR UPDATE")
    Optional<Product> lockById(long id);

    @Query("SELECT * FROM catalog.products WHERE sku = :sku FOR UPDATE")
    Optional<Product> lockBySku(String sku);
}
