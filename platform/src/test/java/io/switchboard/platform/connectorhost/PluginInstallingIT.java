package io.switchboard.platform.connectorhost;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Base of the tests that install plugins into the running shared platform the way an operator does: a jar
 * dropped into the plugins folder, then {@code POST /api/v1/admin/plugins/reload}. The plugins folder is the
 * build's real one, so every jar a test adds is removed again after it, and the platform reloaded, leaving
 * only the bundled connectors for the tests that follow.
 */
abstract class PluginInstallingIT extends PlatformIT {

    static final String RELOAD = "/api/v1/admin/plugins/reload";

    @Autowired
    private ConnectorHost host;

    private final List<Path> installed = new ArrayList<>();

    /** Moves a jar into the plugins folder under a name of its own (atomically: a reload never sees half a jar). */
    protected Path drop(Path jar, String fileName) {
        Path target = host.pluginsDir().resolve(fileName);
        try {
            Path partial = Files.copy(jar, host.pluginsDir().resolve(fileName + ".partial"),
                    StandardCopyOption.REPLACE_EXISTING);
            installed.add(target);
            return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reloads the plugins folder through the admin endpoint and returns its answer (the connectors listing). */
    protected JsonNode reload() {
        Response response = api("POST", RELOAD, adminToken(), null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The provider ids of a connectors listing. */
    protected static List<String> providers(JsonNode listing) {
        return StreamSupport.stream(listing.path("items").spliterator(), false)
                .map(item -> item.path("providerId").asString()).toList();
    }

    /** The status of one plugin in a connectors listing. */
    protected static JsonNode plugin(JsonNode listing, String pluginId) {
        return StreamSupport.stream(listing.path("plugins").spliterator(), false)
                .filter(p -> pluginId.equals(p.path("pluginId").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("plugin " + pluginId + " not listed in " + listing));
    }

    @AfterEach
    void removeInstalledPlugins() throws IOException {
        if (installed.isEmpty()) {
            return;
        }
        for (Path jar : installed) {
            Files.deleteIfExists(jar);
        }
        installed.clear();
        JsonNode listing = reload();
        assertThat(providers(listing)).as("only the bundled connectors are left").doesNotContain(
                "hmac", "test-healthy", "test-throwing", "test-sleeping", "test-undeclared-host");
    }
}
