package io.switchboard.platform.notify;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * Renders Mustache templates. HTML parts escape variables; SMS and plain-text parts do not (an apostrophe in a
 * name must not become {@code &#39;} in a text message).
 */
public final class TemplateRenderer {

    private static final DefaultMustacheFactory HTML = new DefaultMustacheFactory();
    private static final DefaultMustacheFactory TEXT = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private TemplateRenderer() {}

    /** Renders a text template (SMS, subject, plain text). */
    public static String text(String template, Map<String, Object> scope) {
        return render(TEXT, template, scope);
    }

    /** Renders an HTML template, escaping variables. */
    public static String html(String template, Map<String, Object> scope) {
        return render(HTML, template, scope);
    }

    /**
     * Compiles a template to check it.
     *
     * @throws MustacheException with the line and problem when it is invalid
     */
    static void compile(String template, String name) {
        TEXT.compile(new StringReader(template), name);
    }

    private static String render(DefaultMustacheFactory factory, String template, Map<String, Object> scope) {
        if (template == null || template.isEmpty()) {
            return "";
        }
        Mustache mustache = factory.compile(new StringReader(template), "template");
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }
}
