package io.shopplatform.user.web;

import java.util.List;
import java.util.UUID;

/**
 * Who calls, from a valid access token whose session is still live; a controller declares a parameter of this
 * type and gets a 401 instead when logout, a password change or a reset ended the session.
 */
public record Caller(UUID account, UUID session, List<String> roles) {
}
