package io.shopplatform.storefront.account;

import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.storefront.api.ApiProblem;
import io.shopplatform.storefront.api.ShopApi;
import io.shopplatform.storefront.api.Visitor;
import io.shopplatform.storefront.web.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign in, sign up, sign out. A refused form is shown again with the API's reason next to it; the login page says
 * why a shopper was sent there after an account change (a new password).
 */
@Controller
class AccountController {

    /** Why the login page was opened after an account change: {@code /login?after=...} and what the page says. */
    static final String PASSWORD_CHANGED = "password-changed", PASSWORD_RESET = "password-reset";
    private static final Map<String, String> NOTICES = Map.of(
            PASSWORD_CHANGED, "Your password was changed and every session of yours has ended, here and on your other "
                    + "devices. Sign in with the new password.",
            PASSWORD_RESET, "Your new password is set. Sign in with it.");

    private final ShopApi api;
    private final Sessions sessions;

    AccountController(ShopApi api, Sessions sessions) {
        this.api = api;
        this.sessions = sessions;
    }

    @GetMapping("/login")
    String loginForm(@RequestParam(defaultValue = "/") String next, @RequestParam(required = false) String after,
                     Model model) {
        model.addAttribute("next", local(next));
        model.addAttribute("notice", after == null ? null : NOTICES.get(after));
        return "login";
    }

    @PostMapping("/login")
    String login(@RequestParam String email, @RequestParam String password, @RequestParam(defaultValue = "/") String next,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            signIn(email, password, null, request, response);
        } catch (ApiProblem refused) {
            return again("login", refused, email, next, response, model);
        }
        return "redirect:" + local(next);
    }

    @GetMapping("/register")
    String registerForm(@RequestParam(defaultValue = "/") String next, Model model) {
        model.addAttribute("next", local(next));
        return "register";
    }

    @PostMapping("/register")
    String register(@RequestParam String email, @RequestParam String password, @RequestParam String displayName,
                    @RequestParam(defaultValue = "/") String next, HttpServletRequest request,
                    HttpServletResponse response, Model model) {
        try {
            ShopApi.Answer created = api.post("/users", Map.of("email", email, "password", password,
                    "displayName", displayName), null);
            sessions.wrote(created, request, response);
            // The login reads the account just written, wherever the user service's reads are balanced.
            signIn(email, password, created.header(ReadYourWrites.VERSION_HEADER).orElse(null), request, response);
        } catch (ApiProblem refused) {
            model.addAttribute("displayName", displayName);
            return again("register", refused, email, next, response, model);
        }
        return "redirect:" + local(next);
    }

    @PostMapping("/logout")
    String logout(HttpServletRequest request, HttpServletResponse response) {
        Visitor visitor = sessions.visitor(request, response);
        sessions.refreshToken(request).filter(t -> visitor.signedIn()).ifPresent(refresh ->
                api.post("/auth/logout", Map.of("refreshToken", refresh), new Visitor(visitor.accessToken(), null)));
        sessions.signOut(request, response);
        return "redirect:/";
    }

    /** Logs in and brings an anonymous cart along: the order service merges it on the first call that sends both. */
    private void signIn(String email, String password, String minVersion, HttpServletRequest request,
                        HttpServletResponse response) {
        Map<String, Object> tokens = api.post("/auth/login", Map.of("email", email, "password", password),
                new Visitor(null, null, minVersion)).body();
        sessions.signedIn(tokens, request, response);
        sessions.cartId(request).ifPresent(cartId -> {
            sessions.wrote(api.get("/cart", new Visitor(tokens.get("accessToken").toString(), cartId)), request, response);
            sessions.cart(null, request, response);
        });
    }

    private static String again(String form, ApiProblem refused, String email, String next,
                                HttpServletResponse response, Model model) {
        response.setStatus(refused.status());
        model.addAttribute("problem", refused);
        model.addAttribute("email", email);
        model.addAttribute("next", local(next));
        return form;
    }

    /** Only a path of this site: a crafted link must not send a shopper elsewhere after signing in. */
    static String local(String next) {
        return next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
