package io.shopplatform.product.category;

import org.springframework.data.repository.ListCrudRepository;

interface CategoryRepository extends ListCrudRepository<Category, Long> {
}
