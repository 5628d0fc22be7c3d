package io.shopplatform.model;

/** A named port a component listens on inside the cluster; TCP unless said otherwise. */
public record Port(String name, int number, Protocol protocol) {

    public enum Protocol { TCP, UDP }

    public Port {
        Checks.name(name, "port name");
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("port " + name + ": " + number + " is not a port number");
        }
    }

    public Port(String name, int number) {
        this(name, number, Protocol.TCP);
    }

    public static Port udp(String name, int number) {
        return new Port(name, number, Protocol.UDP);
    }
}
