package io.shopplatform.manifests.crd;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes typed records as JSON text, for files inside ConfigMaps (dashboards, adapter rules); JSON is also YAML. */
public final class Json {

    private Json() {}

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(CustomResource.json(value), out);
        return out.toString();
    }

    private static void write(Object v, StringBuilder out) {
        if (v instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                string(e.getKey().toString(), out);
                out.append(':');
                write(e.getValue(), out);
                out.append(it.hasNext() ? "," : "");
            }
            out.append('}');
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i > 0 ? "," : "");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (v instanceof String s) {
            string(s, out);
        } else {
            out.append(v);
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }
}
