package io.shopplatform.product.category;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of {@code catalog.categories}; the database derives {@code path} from the parent's path and the slug. */
@Table(schema = "catalog", name = "categories")
record Category(@Id Long id, Long parentId, String slug, String path, String name, int position) {
}
