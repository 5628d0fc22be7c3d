package io.shopplatform.monitoring;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Configuration files for Prometheus's programs, written as block YAML a person can read. */
public final class Yamls {

    private Yamls() {}

    public static String write(Object document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(160);
        return new Yaml(options).dump(document);
    }
}
