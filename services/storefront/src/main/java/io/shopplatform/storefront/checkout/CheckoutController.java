package io.shopplatform.storefront.checkout;

import io.shopplatform.storefront.StorefrontProperties;
import io.shopplatform.storefront.api.ApiProblem;
import io.shopplatform.storefront.api.ShopApi;
import io.shopplatform.storefront.api.Visitor;
import io.shopplatform.storefront.web.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Checkout and what follows it: the address and card form, the order's page (its status: CONFIRMED, or why it was
 * cancelled) and the shopper's order history. The card is tokenized by the page's script at the payment provider;
 * this form has no field that carries a card number, only the provider's token.
 */
@Controller
class CheckoutController {

    /** The shipping address as the order API takes it; line2 is optional. */
    static final List<String> ADDRESS = List.of("name", "line1", "line2", "city", "postalCode", "country");

    private final ShopApi api;
    private final Sessions sessions;
    private final StorefrontProperties props;

    CheckoutController(ShopApi api, Sessions sessions, StorefrontProperties props) {
        this.api = api;
        this.sessions = sessions;
        this.props = props;
    }

    @ModelAttribute
    void tokenization(Model model) {
        model.addAttribute("cardTokensUrl", props.cardTokensUrl() + "/v1/tokens");
        model.addAttribute("cardTokensKey", props.cardTokensKey());
    }

    @GetMapping("/checkout")
    String checkout(HttpServletRequest request, HttpServletResponse response, Model model) {
        Visitor visitor = sessions.visitor(request, response);
        if (!visitor.signedIn()) {
            return "redirect:/login?next=/checkout";
        }
        model.addAttribute("cart", api.get("/cart", visitor).body());
        model.addAttribute("address", Map.of());
        // One key per checkout form: submitting it twice places one order.
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "checkout";
    }

    @PostMapping("/checkout")
    String place(@RequestParam Map<String, String> form, HttpServletRequest request, HttpServletResponse response,
                 Model model) {
        Visitor visitor = sessions.visitor(request, response);
        if (!visitor.signedIn()) {
            return "redirect:/login?next=/checkout";
        }
        Map<String, Object> cart = api.get("/cart", visitor).body();
        Map<String, String> address = new LinkedHashMap<>();
        ADDRESS.forEach(f -> address.put(f, form.getOrDefault(f, "").strip()));
        address.values().removeIf(String::isEmpty);
        String key = form.getOrDefault("idempotencyKey", "");
        try {
            ShopApi.Answer placed = api.post("/orders", Map.of("cartId", String.valueOf(cart.get("id")),
                    "cardToken", form.getOrDefault("cardToken", ""), "shippingAddress", address), visitor,
                    Map.of("Idempotency-Key", key.isEmpty() ? UUID.randomUUID().toString() : key));
            sessions.wrote(placed, request, response);
            return "redirect:/orders/" + placed.body().get("id");
        } catch (ApiProblem refused) {
            response.setStatus(refused.status());
            model.addAttribute("problem", refused);
            model.addAttribute("cart", cart);
            model.addAttribute("address", address);
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
            return "checkout";
        }
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable long id, HttpServletRequest request, HttpServletResponse response, Model model) {
        Visitor visitor = sessions.visitor(request, response);
        if (!visitor.signedIn()) {
            return "redirect:/login?next=/orders/" + id;
        }
        model.addAttribute("order", api.get("/orders/" + id, visitor).body());
        return "order";
    }

    @GetMapping("/orders")
    String orders(@RequestParam(defaultValue = "0") int page, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        Visitor visitor = sessions.visitor(request, response);
        if (!visitor.signedIn()) {
            return "redirect:/login?next=/orders";
        }
        model.addAttribute("orders", api.get(ShopApi.path("/orders", "page", page, "size", 20), visitor).body());
        return "orders";
    }
}
