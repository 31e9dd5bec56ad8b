package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The results of one run: a JSON document and the same figures as markdown tables. */
final class Report {

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final StringBuilder md = new StringBuilder();

    /** A top-level JSON section, created on first use. */
    @SuppressWarnings("unchecked")
    Map<String, Object> section(String name) {
        return (Map<String, Object>) root.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
    }

    Report heading(String text) {
        md.append("\n## ").append(text).append("\n\n");
        return this;
    }

    Report line(String text) {
        md.append(text).append("\n");
        return this;
    }

    /** A markdown table. */
    Report table(List<String> header, List<List<Object>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        md.append("|").append("---|".repeat(header.size())).append("\n");
        for (List<Object> row : rows) {
            md.append("| ").append(String.join(" | ", row.stream().map(Report::format).toList())).append(" |\n");
        }
        md.append("\n");
        return this;
    }

    static String format(Object value) {
        if (value instanceof Double d) {
            double r = Stats.round(d);
            return r == Math.rint(r) && Math.abs(r) < 1e15 ? Long.toString((long) r) : Double.toString(r);
        }
        return String.valueOf(value);
    }

    /** The root of the JSON document. */
    Map<String, Object> root() {
        return root;
    }

    void write(Path markdown, Path json, String header) throws IOException {
        Files.writeString(markdown, header + md);
        Files.writeString(json, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(root) + "\n");
    }
}
