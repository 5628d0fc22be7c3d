package io.shopplatform.storefront.web;

import io.shopplatform.storefront.api.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every problem the API answers becomes a page that says what went wrong in the API's own words (title, detail,
 * each named field), with the API's status; anything else is a plain apology, never a stack trace.
 */
@ControllerAdvice
class ProblemPages {

    private static final Logger log = LoggerFactory.getLogger(ProblemPages.class);

    /** The header shows "sign in" or "sign out" (the refresh token is the longest-lived sign of a session). */
    @ModelAttribute("signedIn")
    boolean signedIn(HttpServletRequest request) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        return cookies != null && java.util.Arrays.stream(cookies)
                .anyMatch(c -> c.getName().equals(Sessions.REFRESH) && !c.getValue().isEmpty());
    }

    @ExceptionHandler(ApiProblem.class)
    String apiProblem(ApiProblem problem, Model model, HttpServletResponse response) {
        response.setStatus(problem.status());
        model.addAttribute("problem", problem);
        return "problem";
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String badAddress(Exception e, Model model, HttpServletResponse response) {
        response.setStatus(400);
        model.addAttribute("title", "That address is not one of the shop's pages");
        return "problem";
    }

    @ExceptionHandler(RuntimeException.class)
    String unexpected(RuntimeException e, Model model, HttpServletResponse response) {
        log.error("a page failed", e);
        response.setStatus(500);
        model.addAttribute("title", "Something went wrong on our side");
        return "problem";
    }
}
