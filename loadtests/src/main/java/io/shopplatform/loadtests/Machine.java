package io.shopplatform.loadtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine a measurement ran on, as README's performance section describes it: CPU, cores, memory, OS, load. */
final class Machine {

    private Machine() {}

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        String cpu = field(Path.of("/proc/cpuinfo"), "model name");
        int cores = Runtime.getRuntime().availableProcessors();
        String memory = field(Path.of("/proc/meminfo"), "MemTotal");
        long gib = memory.isEmpty() ? 0 : Math.round(Long.parseLong(memory.replaceAll("[^0-9]", "")) / 1024.0 / 1024);
        String os = field(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", "");
        String load = read(Path.of("/proc/loadavg")).stream().findFirst().orElse("");
        m.put("cpu", cpu);
        m.put("cores", cores);
        m.put("memoryGiB", gib);
        m.put("os", os);
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("loadAverageAtStart", load.isEmpty() ? "" : String.join(" ", List.of(load.split(" ")).subList(0, 3)));
        m.put("summary", "%s, %d cores, %d GiB, %s, load average %s at the start".formatted(cpu, cores, gib, os,
                m.get("loadAverageAtStart")));
        return m;
    }

    /** The value of the first {@code name: value} or {@code name=value} line. */
    private static String field(Path file, String name) {
        for (String line : read(file)) {
            String rest = line.startsWith(name) ? line.substring(name.length()).trim() : "";
            if (rest.startsWith(":") || rest.startsWith("=")) {
                return rest.substring(1).trim();
            }
        }
        return "";
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
