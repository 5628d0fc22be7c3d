package io.shopplatform.product.category;

import java.util.List;

/** A category with its subcategories, as the tree listing returns it. */
public record CategoryNode(long id, String slug, String path, String name, List<CategoryNode> children) {
}
