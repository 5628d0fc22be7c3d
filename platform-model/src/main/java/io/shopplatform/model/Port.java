package io.shopplatform.model;

/** A named TCP port a component listens on inside the cluster. */
public record Port(String name, int number) {
    public Port {
        Checks.name(name, "port name");
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("port " + name + ": " + number + " is not a TCP port");
        }
    }
}
