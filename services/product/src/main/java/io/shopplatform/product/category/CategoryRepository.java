package io.shopplatform.product.category;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface CategoryRepository extends ListCrudRepository<Category, Long> {

    /**
     * A locking read: PgPool sends it to the primary, which has every committed category (a replica may not yet),
     * and the lock keeps the category from being deleted before the referencing write commits.
     */
    @Query("SELECT id FROM catalog.categories WHERE id = :id FOR KEY SHARE")
    Optional<Long> lockForReference(long id);
}
