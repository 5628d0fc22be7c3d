package io.shopplatform.local;

/** What every part of the local platform works with: where it lives, who runs it, its processes and secrets. */
record Context(Layout layout, Host host, Supervisor supervisor, Secrets secrets, Console console) {
}
