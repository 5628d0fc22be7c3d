package io.shopplatform.storefront.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.service.db.DatabaseProperties;
import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.storefront.api.ApiProblem;
import io.shopplatform.storefront.api.ShopApi;
import io.shopplatform.storefront.api.Visitor;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * A shopper's session lives in the browser's cookies, not in a replica's memory (any replica serves any page): the
 * access and refresh tokens the user service issued, or an anonymous cart's id. Every cookie is HttpOnly, SameSite
 * Lax, and Secure whenever the shopper's connection is https (the cluster's load balancer says so in
 * X-Forwarded-Proto).
 */
@Component
public class Sessions {

    static final String ACCESS = "shop_access", REFRESH = "shop_refresh", CART = "shop_cart", VERSION = "shop_version";
    /** Renew an access token this long before it expires, so a page's API calls never carry an expired one. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final ShopApi api;
    private final ObjectMapper json;
    private final Duration maxReplicaLag;

    Sessions(ShopApi api, ObjectMapper json, DatabaseProperties database) {
        this.api = api;
        this.json = json;
        this.maxReplicaLag = database.maxReplicaLag();
    }

    /** Who is asking; renews an expiring access token with the refresh token first. */
    public Visitor visitor(HttpServletRequest request, HttpServletResponse response) {
        String access = cookie(request, ACCESS).orElse(null);
        Optional<String> refresh = cookie(request, REFRESH);
        if ((access == null || expiresSoon(access)) && refresh.isPresent()) {
            try {
                Map<String, Object> tokens = api.post("/auth/refresh", Map.of("refreshToken", refresh.get()), null).body();
                signedIn(tokens, request, response);
                access = tokens.get("accessToken").toString();
            } catch (ApiProblem ended) {
                if (ended.status() >= 500) {
                    throw ended;
                }
                signOut(request, response);    // the session ended (logout elsewhere, password change): anonymous now
                access = null;
            }
        }
        return new Visitor(access, cookie(request, CART).orElse(null), cookie(request, VERSION).orElse(null));
    }

    /**
     * Remembers the {@code Shop-Version} of a write's answer for as long as a standby may lag, so this shopper's
     * next pages read what they just did (the order they placed, the cart they changed) on any replica.
     */
    public void wrote(ShopApi.Answer answer, HttpServletRequest request, HttpServletResponse response) {
        answer.header(ReadYourWrites.VERSION_HEADER).filter(v -> v.matches("\\d+"))
                .ifPresent(v -> set(response, request, VERSION, v, maxReplicaLag));
    }

    /** Keeps the tokens of a login or refresh ({@code accessToken}, {@code expiresIn}, {@code refreshToken}). */
    public void signedIn(Map<String, Object> tokens, HttpServletRequest request, HttpServletResponse response) {
        long expiresIn = ((Number) tokens.getOrDefault("expiresIn", 900)).longValue();
        set(response, request, ACCESS, tokens.get("accessToken").toString(), Duration.ofSeconds(expiresIn));
        set(response, request, REFRESH, tokens.get("refreshToken").toString(), null);
    }

    /** The anonymous cart the order service made on the first add; null forgets it (merged at sign-in). */
    public void cart(String cartId, HttpServletRequest request, HttpServletResponse response) {
        if (cartId == null) {
            set(response, request, CART, "", Duration.ZERO);
        } else {
            set(response, request, CART, cartId, null);
        }
    }

    public Optional<String> cartId(HttpServletRequest request) {
        return cookie(request, CART);
    }

    public Optional<String> refreshToken(HttpServletRequest request) {
        return cookie(request, REFRESH);
    }

    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        set(response, request, ACCESS, "", Duration.ZERO);
        set(response, request, REFRESH, "", Duration.ZERO);
    }

    private static void set(HttpServletResponse response, HttpServletRequest request, String name, String value,
                            Duration maxAge) {
        ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(name, value).path("/").httpOnly(true)
                .sameSite("Lax").secure(request.isSecure());
        if (maxAge != null) {
            cookie.maxAge(maxAge);
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
    }

    private static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? Optional.empty() : Arrays.stream(cookies)
                .filter(c -> c.getName().equals(name) && !c.getValue().isEmpty()).map(Cookie::getValue).findFirst();
    }

    /** Reads (does not verify: the gateway does) the token's {@code exp}; an unreadable token counts as expired. */
    private boolean expiresSoon(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts.length == 3 ? parts[1] : ""));
            return Instant.ofEpochSecond(claims.path("exp").asLong(0)).isBefore(Instant.now().plus(RENEW_BEFORE));
        } catch (IOException | IllegalArgumentException e) {
            return true;
        }
    }
}
