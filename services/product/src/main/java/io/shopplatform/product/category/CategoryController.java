package io.shopplatform.product.category;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/categories")
class CategoryController {

    private final CategoryTree tree;

    CategoryController(CategoryTree tree) {
        this.tree = tree;
    }

    @GetMapping
    @Operation(summary = "The category tree")
    List<CategoryNode> tree() {
        return tree.roots();
    }
}
