package io.shopplatform.gateway;

import io.shopplatform.user.Api;

/**
 * A shopper who registered and logged in through the gateway: the access token is the real user service's.
 * Each comes from an address of its own (the user service's client fixture sets {@code X-Forwarded-For}, which the
 * test gateway trusts as its load balancer's), so one test's logins never count against another's.
 */
record Shopper(Api api, String email, String id, Api.Session session) {

    static Shopper signedUp(int gatewayPort) {
        Api api = new Api(gatewayPort);
        String email = Api.uniqueEmail();
        String id = api.registered(email);
        return new Shopper(api, email, id, api.loggedIn(email, Api.GOOD_PASSWORD));
    }

    String accessToken() {
        return session.accessToken();
    }
}
