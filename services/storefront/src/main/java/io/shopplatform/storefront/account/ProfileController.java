package io.shopplatform.storefront.account;

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
 * The signed-in shopper's own account: the user service's profile ({@code /users/me}), a new display name, and a
 * new password. A password change ends every session of the account (the API revokes them all), this browser's
 * too: it is signed out here and the login page says why. A refusal is shown on the form it came from.
 */
@Controller
class ProfileController {

    static final String PAGE = "/account";
    private static final int UNAUTHORIZED = 401;

    private final ShopApi api;
    private final Sessions sessions;

    ProfileController(ShopApi api, Sessions sessions) {
        this.api = api;
        this.sessions = sessions;
    }

    @GetMapping(PAGE)
    String profile(@RequestParam(required = false) String saved, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        Visitor visitor = sessions.visitor(request, response);
        if (!visitor.signedIn()) {
            return signIn();
        }
        try {
            model.addAttribute("profile", api.get("/users/me", visitor).body());
        } catch (ApiProblem p) {
            return ended(p, request, response);
        }
        model.addAttribute("saved", saved != null);
        return "account";
    }

    @PostMapping(PAGE)
    String update(@RequestParam String displayName, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        Visitor visitor = sessions.visitor(request, response);
        if (!visitor.signedIn()) {
            return signIn();
        }
        try {
            sessions.wrote(api.put("/users/me", Map.of("displayName", displayName), visitor), request, response);
        } catch (ApiProblem refused) {
            if (refused.status() == UNAUTHORIZED) {
                return ended(refused, request, response);
            }
            model.addAttribute("problem", refused);
            model.addAttribute("displayName", displayName);
            return again(refused, visitor, response, model);
        }
        return "redirect:" + PAGE + "?saved";
    }

    @PostMapping(PAGE + "/password")
    String changePassword(@RequestParam String currentPassword, @RequestParam String newPassword,
                          HttpServletRequest request, HttpServletResponse response, Model model) {
        Visitor visitor = sessions.visitor(request, response);
        if (!visitor.signedIn()) {
            return signIn();
        }
        try {
            api.post("/users/me/password", Map.of("currentPassword", currentPassword, "newPassword", newPassword),
                    visitor);
        } catch (ApiProblem refused) {
            if (refused.status() == UNAUTHORIZED) {
                return ended(refused, request, response);
            }
            model.addAttribute("passwordProblem", refused);
            return again(refused, visitor, response, model);
        }
        sessions.signOut(request, response);
        return "redirect:/login?after=" + AccountController.PASSWORD_CHANGED;
    }

    /** The page again, with the API's reason on the form that was refused (and the profile as it stands). */
    private String again(ApiProblem refused, Visitor visitor, HttpServletResponse response, Model model) {
        model.addAttribute("profile", api.get("/users/me", visitor).body());
        model.addAttribute("saved", false);
        response.setStatus(refused.status());
        return "account";
    }

    /** A 401: the session ended elsewhere (a password change, a deletion); this browser signs in again. */
    private String ended(ApiProblem problem, HttpServletRequest request, HttpServletResponse response) {
        if (problem.status() != UNAUTHORIZED) {
            throw problem;
        }
        sessions.signOut(request, response);
        return signIn();
    }

    private static String signIn() {
        return "redirect:/login?next=" + PAGE;
    }
}
