package io.switchboard.platform.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of the reliability scenarios (requests sent, 200s, rows, effects, duplicates, losses), one JSON file
 * per scenario in {@code target/reliability/}, which {@code .ci/run} prints at the end of every run.
 */
public final class ScenarioResults {

    private static final Path FOLDER = Path.of("target", "reliability");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScenarioResults() {}

    /**
     * Writes the scenario's figures, in the order given, after its one-line description.
     *
     * @param figures names and values in turn: {@code "requestsSent", 1200, "losses", 0}
     */
    public static void write(String name, String scenario, Object... figures) {
        if (figures.length % 2 != 0) {
            throw new IllegalArgumentException("figures come in name and value pairs");
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scenario", scenario);
        for (int i = 0; i < figures.length; i += 2) {
            document.put((String) figures[i], figures[i + 1]);
        }
        try {
            Files.createDirectories(FOLDER);
            Files.writeString(FOLDER.resolve(name + ".json"), JSON.writeValueAsString(document) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
