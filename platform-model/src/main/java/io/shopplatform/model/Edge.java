package io.shopplatform.model;

/** A directed, allowed connection: {@code from} may open connections to {@code to} on its port {@code port}. */
public record Edge(String from, String to, String port) {
    @Override
    public String toString() {
        return from + " -> " + to + ":" + port;
    }
}
