package io.shopplatform.storefront.account;

import io.shopplatform.storefront.api.ApiProblem;
import io.shopplatform.storefront.api.ShopApi;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A forgotten password, through the mailbox: the shopper asks for a link (the answer is the same whether or not the
 * address has an account, as the API's is), the user service mails {@code <public origin>/reset-password?token=...},
 * and that page sets a new password with the token. A token the API refuses (unknown, used or expired) is said so,
 * with a way to ask for a new link; success leads to the login page.
 */
@Controller
class PasswordResetController {

    static final String FORGOT = "/forgot-password", RESET = "/reset-password";

    private final ShopApi api;

    PasswordResetController(ShopApi api) {
        this.api = api;
    }

    @GetMapping(FORGOT)
    String forgotForm(@RequestParam(required = false) String sent, Model model) {
        model.addAttribute("sent", sent != null);
        return "forgot-password";
    }

    @PostMapping(FORGOT)
    String forgot(@RequestParam String email, HttpServletResponse response, Model model) {
        try {
            api.post("/auth/password-reset", Map.of("email", email), null);
        } catch (ApiProblem refused) {
            response.setStatus(refused.status());
            model.addAttribute("problem", refused);
            model.addAttribute("email", email);
            model.addAttribute("sent", false);
            return "forgot-password";
        }
        return "redirect:" + FORGOT + "?sent";
    }

    @GetMapping(RESET)
    String resetForm(@RequestParam String token, Model model) {
        model.addAttribute("token", token);
        return "reset-password";
    }

    @PostMapping(RESET)
    String reset(@RequestParam String token, @RequestParam String newPassword, HttpServletResponse response,
                 Model model) {
        try {
            api.post("/auth/password-reset/confirm", Map.of("token", token, "newPassword", newPassword), null);
        } catch (ApiProblem refused) {
            response.setStatus(refused.status());
            model.addAttribute("problem", refused);
            model.addAttribute("token", token);
            // The link itself is spent or was never good: a new password cannot help, a new link can.
            model.addAttribute("linkRefused", refused.fieldErrors().stream().anyMatch(e -> e.field().equals("token")));
            return "reset-password";
        }
        return "redirect:/login?after=" + AccountController.PASSWORD_RESET;
    }
}
