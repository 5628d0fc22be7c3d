package io.shopplatform.storefront.cart;

import io.shopplatform.storefront.api.ApiProblem;
import io.shopplatform.storefront.api.ShopApi;
import io.shopplatform.storefront.api.Visitor;
import io.shopplatform.storefront.web.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The cart, signed in or not: an anonymous shopper's cart is the order service's, known by the id its first add
 * returned (kept in a cookie); it becomes the account's at sign-in.
 */
@Controller
class CartController {

    private final ShopApi api;
    private final Sessions sessions;

    CartController(ShopApi api, Sessions sessions) {
        this.api = api;
        this.sessions = sessions;
    }

    @GetMapping("/cart")
    String cart(HttpServletRequest request, HttpServletResponse response, Model model) {
        Visitor visitor = sessions.visitor(request, response);
        Map<String, Object> cart = visitor.signedIn() || visitor.cartId() != null
                ? kept(api.get("/cart", visitor), visitor, request, response) : Map.of();
        model.addAttribute("cart", cart);
        model.addAttribute("names", names(cart));
        return "cart";
    }

    /** Each line's product name by its product id (a line keeps only the SKU); none for a product gone since. */
    @SuppressWarnings("unchecked")
    private Map<Object, String> names(Map<String, Object> cart) {
        Map<Object, String> names = new HashMap<>();
        for (Map<String, Object> line : (List<Map<String, Object>>) cart.getOrDefault("lines", List.of())) {
            Object id = line.get("productId");
            try {
                names.put(id, String.valueOf(api.get("/products/" + id, null).body().get("name")));
            } catch (ApiProblem p) {
                if (p.status() != 404) {
                    throw p;
                }
            }
        }
        return names;
    }

    @PostMapping("/cart/items")
    String add(@RequestParam long productId, @RequestParam(defaultValue = "1") int quantity,
               HttpServletRequest request, HttpServletResponse response) {
        Visitor visitor = sessions.visitor(request, response);
        kept(api.post("/cart/items", Map.of("productId", productId, "quantity", quantity), visitor),
                visitor, request, response);
        return "redirect:/cart";
    }

    @PostMapping("/cart/items/{sku}/remove")
    String remove(@PathVariable String sku, HttpServletRequest request, HttpServletResponse response) {
        Visitor visitor = sessions.visitor(request, response);
        kept(api.delete("/cart/items/" + sku, visitor), visitor, request, response);
        return "redirect:/cart";
    }

    /** Remembers an anonymous cart's id; a signed-in shopper's cart needs none (a sent one was merged). */
    private Map<String, Object> kept(ShopApi.Answer answer, Visitor visitor, HttpServletRequest request,
                                     HttpServletResponse response) {
        sessions.wrote(answer, request, response);
        if (visitor.signedIn()) {
            if (visitor.cartId() != null) {
                sessions.cart(null, request, response);
            }
        } else {
            answer.header(ShopApi.CART_HEADER).filter(id -> !id.equals(visitor.cartId()))
                    .ifPresent(id -> sessions.cart(id, request, response));
        }
        return answer.body();
    }
}
