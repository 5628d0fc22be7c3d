package io.shopplatform.user.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What an account's owner sees and edits: never the password hash. */
public record Profile(UUID id, String email, String displayName, List<String> roles, Instant createdAt,
                      Instant updatedAt, long version) {
}
