package io.switchboard.platform.connectorhost;

import io.switchboard.platform.connectorhost.misbehaving.TestWebhookConnector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes PF4J plugin jars at test time from this module's compiled test classes: the PF4J manifest, the
 * {@code META-INF/extensions.idx} naming the extension (written by hand, so no annotation processor turns
 * these classes into extensions of the platform itself) and the class files. The plugin's class loader
 * loads its own classes from the jar first, so the copies on the test class path do not interfere.
 */
final class TestPluginJars {

    /** What the platform's connector API version satisfies. */
    static final String COMPATIBLE = ">=1.0.0 & <2.0.0";

    private TestPluginJars() {}

    /**
     * A plugin jar in {@code folder} holding one connector extension and the shared test base class.
     *
     * @return the jar written
     */
    static Path write(Path folder, String pluginId, String requires, Class<? extends TestWebhookConnector> extension) {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", pluginId);
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Provider", "Switchboard tests");
        attributes.putValue("Plugin-Requires", requires);
        Path jar = folder.resolve(pluginId + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            out.write((extension.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            copyClass(out, TestWebhookConnector.class);
            copyClass(out, extension);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static void copyClass(JarOutputStream out, Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class file " + resource + " not found");
            }
            out.putNextEntry(new JarEntry(resource));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
